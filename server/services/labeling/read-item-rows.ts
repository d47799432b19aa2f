import readline from "node:readline";
import { AppError } from "../../errors";
import type { DataAssetVersion } from "../../generated/prisma/client";
import { dataFileLocations } from "../data/data-file-locations";
import { readTableRows } from "../data/read-table-rows";
import { tableSource } from "../data/table-source";

export type TItemRow = { path: string; row: number; text: string };

/** A row's text beyond this is refused: the labeling page must stay quick with long documents. */
export const MAX_ITEM_TEXT = 200_000;

/**
 * The text rows of a table or JSONL file, one item each: `column` of a CSV row, or that field
 * of a JSON line. A row without it is refused naming the row, so nothing is dropped unseen.
 */
export async function readItemRows(
  workspaceId: string,
  version: DataAssetVersion,
  file: { path: string; sha256: string },
  column: string,
  limit: number,
): Promise<TItemRow[]> {
  const rows: TItemRow[] = [];
  const push = (row: number, value: unknown) => {
    if (typeof value !== "string" || value.length === 0)
      throw new AppError("BAD_REQUEST", `${file.path} row ${row + 1}: no text in '${column}'`);
    if (value.length > MAX_ITEM_TEXT)
      throw new AppError("BAD_REQUEST", `${file.path} row ${row + 1}: longer than ${MAX_ITEM_TEXT} characters`);
    if (rows.length >= limit) throw new AppError("BAD_REQUEST", `More than ${limit} items in one project`);
    rows.push({ path: file.path, row, text: value });
  };
  if (file.path.toLowerCase().endsWith(".jsonl")) {
    const [location] = await dataFileLocations(workspaceId, version, [file]);
    const object = await location!.store.read(location!.key);
    if (!object) throw new AppError("CONFLICT", `The stored bytes of '${file.path}' are missing`);
    let row = 0;
    for await (const line of readline.createInterface({ input: object.stream, crlfDelay: Infinity })) {
      if (line.trim() === "") continue;
      let value: unknown;
      try {
        value = (JSON.parse(line) as Record<string, unknown>)[column];
      } catch {
        throw new AppError("BAD_REQUEST", `${file.path} line ${row + 1}: not JSON`);
      }
      push(row++, value);
    }
    return rows;
  }
  // A CSV's columns are known once it is read; rows are kept until then (they are bounded by `limit`).
  const source = await tableSource(version, file.path);
  const raw: unknown[][] = [];
  const { columns } = await readTableRows(workspaceId, source, (values) => raw.push(values), { maxRows: limit + 1 });
  const at = columns.findIndex((c) => c.name === column);
  if (raw.length > 0 && at < 0) throw new AppError("BAD_REQUEST", `${file.path} has no column '${column}'`);
  raw.forEach((values, row) => push(row, values[at]));
  return rows;
}
