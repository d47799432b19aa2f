import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { AppError } from "../../errors";
import { formatIssues } from "../../format-issues";

/** The file name Azure ML gives an MLTable definition inside a table's folder. */
export const MLTABLE_FILE = "MLTable";

const ZPathEntry = z.union([
  z.object({ file: z.string().min(1).max(1000) }).strict(),
  z.object({ folder: z.string().min(1).max(1000) }).strict(),
  z.object({ pattern: z.string().min(1).max(1000) }).strict(),
]);

const ZReadDelimited = z
  .object({
    delimiter: z.string().min(1).max(4).default(","),
    header: z.string().optional(),
    encoding: z.string().optional(),
    infer_column_types: z.boolean().optional(),
    empty_as_string: z.boolean().optional(),
  })
  .strict();

const ZTransformation = z.union([
  z.object({ read_delimited: ZReadDelimited.nullish().transform((r) => r ?? ZReadDelimited.parse({})) }).strict(),
  z.object({ read_parquet: z.object({}).passthrough().nullable() }).strict(),
  z.object({ take: z.number().int().positive() }).strict(),
  z.object({ drop_columns: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]) }).strict(),
]);

const ZMlTableFile = z
  .object({
    $schema: z.string().optional(),
    type: z.literal("mltable").optional(),
    paths: z.array(ZPathEntry).min(1, "List at least one entry under paths"),
    transformations: z.array(ZTransformation).default([]),
  })
  .strict();

export type TMlTablePath = z.infer<typeof ZPathEntry>;

/** What Crucible keeps of an MLTable: where the rows are, how to read them, and what to take. */
export type TMlTable = {
  paths: TMlTablePath[];
  read: { format: "csv"; delimiter: string } | { format: "parquet" } | null;
  take: number | null;
  dropColumns: string[];
};

/** Parses an MLTable YAML; anything outside the supported subset is a BAD_REQUEST naming it. */
export function parseMlTable(text: string): TMlTable {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new AppError("BAD_REQUEST", `The MLTable YAML does not parse: ${(error as Error).message.split("\n")[0]}`);
  }
  const parsed = ZMlTableFile.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      "BAD_REQUEST",
      `Invalid MLTable (supported: paths of file/folder/pattern; transformations read_delimited, read_parquet, take, drop_columns): ${formatIssues(parsed.error.issues)}`,
    );
  }
  const table: TMlTable = { paths: parsed.data.paths, read: null, take: null, dropColumns: [] };
  for (const step of parsed.data.transformations) {
    if ("read_delimited" in step) table.read = { format: "csv", delimiter: step.read_delimited.delimiter };
    else if ("read_parquet" in step) table.read = { format: "parquet" };
    else if ("take" in step) table.take = step.take;
    else {
      const columns = step.drop_columns;
      table.dropColumns.push(...(typeof columns === "string" ? [columns] : columns));
    }
  }
  return table;
}
