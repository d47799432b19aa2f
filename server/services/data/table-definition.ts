import fsp from "node:fs/promises";
import { AppError } from "../../errors";
import type { TDataAssetType } from "./data-asset-input";
import { normaliseDataPath } from "./data-path";
import { MLTABLE_FILE, parseMlTable, type TMlTable, type TMlTablePath } from "./mltable";
import { inferCsvSchema, readParquetSchema, type TColumn } from "./table-schema";

export type TTableInfo = { tableFormat: "csv" | "parquet"; tableSchema: TColumn[]; mltable: TMlTable | null };

/** A local copy of one of the version's files, for reading its header or footer. */
export type TLocalFile = (path: string) => Promise<string>;

const FORMAT_OF: Record<string, "csv" | "parquet"> = { csv: "csv", parquet: "parquet" };

/** Refuses a file list that cannot be a version of `type`, before anything is recorded. */
export function checkFilesForType(type: TDataAssetType, paths: readonly string[]): void {
  if (paths.length === 0) throw new AppError("BAD_REQUEST", "The upload has no files: a data asset needs at least one");
  if (type === "uri_file" && paths.length !== 1) {
    throw new AppError(
      "BAD_REQUEST",
      `A uri_file data asset is one file, but ${paths.length} were given; use type uri_folder for a folder`,
    );
  }
}

function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      source += ".*";
      i++;
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i);
      if (end < 0) source += "\\[";
      else {
        source += glob.slice(i, end + 1);
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** The version's files an MLTable `paths` entry names; an entry that names none is refused. */
function filesOf(entry: TMlTablePath, paths: readonly string[]): string[] {
  const value = "file" in entry ? entry.file : "folder" in entry ? entry.folder : entry.pattern;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
    throw new AppError("BAD_REQUEST", `MLTable path '${value}': only paths inside the data asset are supported`);
  const relative = normaliseDataPath(value);
  let matches: string[];
  if ("file" in entry) matches = paths.filter((p) => p === relative);
  else if ("folder" in entry) matches = paths.filter((p) => p.startsWith(`${relative}/`));
  else {
    const pattern = globToRegExp(relative);
    matches = paths.filter((p) => pattern.test(p));
  }
  if (matches.length === 0) throw new AppError("BAD_REQUEST", `MLTable path '${value}' matches no uploaded file`);
  return matches;
}

function formatOfPath(path: string): "csv" | "parquet" | undefined {
  return FORMAT_OF[path.split(".").at(-1)?.toLowerCase() ?? ""];
}

/**
 * Which of the files hold a table's rows and in which format: those the MLTable names (all files
 * when there is none), all CSV or all Parquet unless the MLTable's read step says which.
 */
export function planTableFiles(paths: readonly string[], mltable: TMlTable | null) {
  const dataFiles = mltable
    ? [...new Set(mltable.paths.flatMap((entry) => filesOf(entry, paths)))].sort()
    : [...paths].sort();
  const formats = new Set(dataFiles.map(formatOfPath));
  const format = mltable?.read?.format ?? (formats.size === 1 ? [...formats][0] : undefined);
  if (!format) {
    throw new AppError(
      "BAD_REQUEST",
      "A table is CSV or Parquet files (.csv or .parquet, all of one format), or a folder whose MLTable file says how to read them",
    );
  }
  return { dataFiles, format };
}

/** A table's format, column schema (from its first data file) and MLTable definition. */
export async function describeTable(paths: readonly string[], localFile: TLocalFile): Promise<TTableInfo> {
  const mltable = paths.includes(MLTABLE_FILE)
    ? parseMlTable(await fsp.readFile(await localFile(MLTABLE_FILE), "utf8"))
    : null;
  const { dataFiles, format } = planTableFiles(paths, mltable);
  const first = dataFiles[0]!;
  const delimiter = mltable?.read?.format === "csv" ? mltable.read.delimiter : ",";
  const schema =
    format === "csv"
      ? await inferCsvSchema(await localFile(first), delimiter)
      : await readParquetSchema(await localFile(first));
  const dropped = new Set(mltable?.dropColumns ?? []);
  const unknown = [...dropped].filter((name) => !schema.some((c) => c.name === name));
  if (unknown.length > 0)
    throw new AppError(
      "BAD_REQUEST",
      `MLTable drop_columns names columns the table does not have: ${unknown.join(", ")}`,
    );
  return { tableFormat: format, tableSchema: schema.filter((c) => !dropped.has(c.name)), mltable };
}
