import { z } from "zod";
import { findDataVersion } from "./find-data-version";
import { readTableRows } from "./read-table-rows";
import { columnType } from "./table-schema";
import { tableSource } from "./table-source";

export const PREVIEW_ROWS = 100;
const MAX_CELL_CHARS = 1000;

export const ZPreviewCell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const ZTablePreview = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.array(ZPreviewCell)),
  /** More rows follow the ones shown. */
  isTruncated: z.boolean(),
  files: z.array(z.string()),
});

/** A value as JSON can carry it: big integers and dates as text, nested values as JSON text. */
function cell(value: unknown): z.infer<typeof ZPreviewCell> {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.length > MAX_CELL_CHARS ? `${value.slice(0, MAX_CELL_CHARS)}…` : value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "boolean") return value;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? String(value);
  return cell(text);
}

/**
 * The first rows of a table version, or of one CSV or Parquet file of any version named by
 * `path`, with the column schema (a file's types are inferred from the rows shown).
 */
export async function previewTable(workspaceId: string, ref: string, path?: string) {
  const { version } = await findDataVersion(workspaceId, ref);
  const source = await tableSource(version, path);
  const rows: unknown[][] = [];
  const read = await readTableRows(workspaceId, source, (row) => rows.push(row), { maxRows: PREVIEW_ROWS });
  const columns =
    source.columns === null && source.format === "csv"
      ? read.columns.map((c, i) => ({ name: c.name, type: columnType(rows.map((r) => String(r[i] ?? "").trim())) }))
      : read.columns;
  return {
    columns,
    rows: rows.map((r) => r.map(cell)),
    isTruncated: read.isTruncated,
    files: source.files.map((f) => f.path),
  };
}
