import fs from "node:fs";
import { parse } from "csv-parse";
import { asyncBufferFromFile, parquetMetadataAsync, parquetSchema } from "hyparquet";
import { AppError } from "../../errors";

export type TColumn = { name: string; type: string };

/** As Azure ML's read_delimited: column types are inferred from the first 200 rows. */
const SAMPLE_ROWS = 200;

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:inf|infinity|nan)$/i;
const BOOLEAN = /^(?:true|false)$/i;
const DATETIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The narrowest type every non-empty sample value fits; a column with no values is a string. */
export function columnType(values: string[]): string {
  const present = values.filter((v) => v !== "");
  if (present.length === 0) return "string";
  if (present.every((v) => INTEGER.test(v))) return "integer";
  if (present.every((v) => INTEGER.test(v) || FLOAT.test(v))) return "float";
  if (present.every((v) => BOOLEAN.test(v))) return "boolean";
  if (present.every((v) => DATETIME.test(v))) return "datetime";
  return "string";
}

/** Column names from a CSV's header and types from its first rows; the rest of the file is not read. */
export async function inferCsvSchema(file: string, delimiter = ","): Promise<TColumn[]> {
  const input = fs.createReadStream(file);
  const parser = parse({ delimiter, bom: true, relax_column_count: true, to_line: SAMPLE_ROWS + 1 });
  const rows: string[][] = [];
  try {
    for await (const record of input.pipe(parser)) rows.push(record as string[]);
  } catch (error) {
    throw new AppError("BAD_REQUEST", `The CSV file does not parse: ${(error as Error).message}`);
  } finally {
    input.destroy();
  }
  const [header, ...sample] = rows;
  if (!header || header.every((h) => h.trim() === ""))
    throw new AppError("BAD_REQUEST", "The CSV file has no header row");
  const names = csvColumnNames(header);
  return names.map((name, i) => ({ name, type: columnType(sample.map((row) => (row[i] ?? "").trim())) }));
}

/** A CSV header's column names; a blank one is named by its position. */
export function csvColumnNames(header: readonly string[]): string[] {
  return header.map((h, i) => h.trim() || `column_${i + 1}`);
}

/** Column names and types from a Parquet file's footer (its rows are not read). */
export async function readParquetSchema(file: string): Promise<TColumn[]> {
  try {
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
    return parquetSchema(metadata).children.map(({ element }) => {
      const type = (element.logical_type?.type ?? element.converted_type ?? element.type ?? "group").toLowerCase();
      // UTF8 is the older writers' name for a string column.
      return { name: element.name, type: type === "utf8" ? "string" : type };
    });
  } catch (error) {
    throw new AppError("BAD_REQUEST", `The Parquet file does not parse: ${(error as Error).message}`);
  }
}
