import { db } from "../../db";
import { AppError } from "../../errors";
import type { DataAssetVersion } from "../../generated/prisma/client";
import { normaliseDataPath } from "./data-path";
import type { TMlTable } from "./mltable";
import { planTableFiles } from "./table-definition";
import type { TColumn } from "./table-schema";

export type TTableFile = { path: string; size: number; sha256: string };

/** Where a table's rows are: its data files in order, their format, and the columns to read. */
export type TTableSource = {
  version: Pick<DataAssetVersion, "id" | "referencePath" | "datastoreName">;
  format: "csv" | "parquet";
  delimiter: string;
  files: TTableFile[];
  /** The version's recorded schema; null for a single file previewed by path (read from its header). */
  columns: TColumn[] | null;
  /** The MLTable's `take`: no row past it is read. */
  take: number | null;
};

const FORMAT_OF: Record<string, "csv" | "parquet"> = { csv: "csv", parquet: "parquet" };

const fileView = (f: { path: string; size: bigint; sha256: string }) => ({
  path: f.path,
  size: Number(f.size),
  sha256: f.sha256,
});

/**
 * The rows a preview or profile reads: a table version's data files as its MLTable (or the files'
 * extension) says, or one CSV or Parquet file of any version named by `path`.
 */
export async function tableSource(version: DataAssetVersion, rawPath?: string): Promise<TTableSource> {
  if (rawPath !== undefined) {
    const file = await db().dataAssetFile.findUnique({
      where: { versionId_path: { versionId: version.id, path: normaliseDataPath(rawPath) } },
    });
    if (!file) throw new AppError("NOT_FOUND", `'${rawPath}' is not a file of this version`);
    const format = FORMAT_OF[file.path.split(".").at(-1)?.toLowerCase() ?? ""];
    if (!format) throw new AppError("BAD_REQUEST", `'${file.path}' is not a .csv or .parquet file`);
    return { version, format, delimiter: ",", files: [fileView(file)], columns: null, take: null };
  }
  if (version.type !== "table" || !version.tableFormat) {
    throw new AppError(
      "BAD_REQUEST",
      `This version is a ${version.type}, not a table; preview one of its files by path`,
    );
  }
  const files = await db().dataAssetFile.findMany({ where: { versionId: version.id }, orderBy: { path: "asc" } });
  const mltable = (version.mltable as TMlTable | null) ?? null;
  const { dataFiles } = planTableFiles(
    files.map((f) => f.path),
    mltable,
  );
  const byPath = new Map(files.map((f) => [f.path, f]));
  return {
    version,
    format: version.tableFormat,
    delimiter: mltable?.read?.format === "csv" ? mltable.read.delimiter : ",",
    files: dataFiles.map((p) => fileView(byPath.get(p)!)),
    columns: (version.tableSchema as TColumn[] | null) ?? null,
    take: mltable?.take ?? null,
  };
}
