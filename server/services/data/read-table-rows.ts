import { parse } from "csv-parse";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { AppError } from "../../errors";
import { dataFileLocations } from "./data-file-locations";
import { withLocalDataCopy } from "./local-data-copy";
import { csvColumnNames, readParquetSchema, type TColumn } from "./table-schema";
import type { TTableFile, TTableSource } from "./table-source";

export type TReadRowsOptions = {
  /** Stop after this many rows (the MLTable's `take` applies too). */
  maxRows?: number;
  /** Called with the fraction of the table's bytes read, as often as rows arrive. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
};

export type TReadRowsResult = { columns: TColumn[]; rowCount: number; isTruncated: boolean };

/** A row's values in the order of the returned columns; null where a file lacks a column. */
export type TRowHandler = (row: unknown[]) => void;

class Limit extends Error {}

/**
 * Streams a table's rows, file after file, to `onRow`. CSV files are parsed as they are read from
 * the datastore; Parquet files are read a row group at a time from a local copy. The columns are
 * the version's schema, or for one file previewed by path its own header.
 */
export async function readTableRows(
  workspaceId: string,
  source: TTableSource,
  onRow: TRowHandler,
  options: TReadRowsOptions = {},
): Promise<TReadRowsResult> {
  const limit = Math.min(options.maxRows ?? Infinity, source.take ?? Infinity);
  const totalBytes = source.files.reduce((sum, f) => sum + f.size, 0) || 1;
  const state = { columns: source.columns, rowCount: 0, isTruncated: false, bytesBefore: 0 };
  const emit = (row: unknown[]) => {
    if (state.rowCount >= limit) {
      state.isTruncated = true;
      throw new Limit();
    }
    state.rowCount++;
    onRow(row);
  };
  const progress = (bytesInFile: number) => options.onProgress?.((state.bytesBefore + bytesInFile) / totalBytes);
  try {
    for (const file of source.files) {
      if (source.format === "csv") await readCsv(workspaceId, source, file, state, emit, progress, options.signal);
      else await readParquet(workspaceId, source, file, state, emit, progress, options.signal);
      state.bytesBefore += file.size;
    }
  } catch (error) {
    if (!(error instanceof Limit)) throw error;
  }
  return { columns: state.columns ?? [], rowCount: state.rowCount, isTruncated: state.isTruncated };
}

type TState = { columns: TColumn[] | null };

/** Where each wanted column sits among a file's columns (-1: the file lacks it). */
function positions(wanted: readonly TColumn[], names: readonly string[]): number[] {
  const index = new Map(names.map((n, i) => [n, i]));
  return wanted.map((c) => index.get(c.name) ?? -1);
}

async function readCsv(
  workspaceId: string,
  source: TTableSource,
  file: TTableFile,
  state: TState,
  emit: TRowHandler,
  progress: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const [location] = await dataFileLocations(workspaceId, source.version, [file]);
  const object = await location!.store.read(location!.key);
  if (!object) throw new AppError("CONFLICT", `The stored bytes of '${file.path}' are missing`);
  let bytes = 0;
  object.stream.on("data", (chunk: Buffer) => (bytes += chunk.length));
  const parser = object.stream.pipe(
    parse({ delimiter: source.delimiter, bom: true, relax_column_count: true, skip_empty_lines: true }),
  );
  let at: number[] | null = null;
  let seen = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (at === null) {
        const names = csvColumnNames(record);
        state.columns ??= names.map((name) => ({ name, type: "string" }));
        at = positions(state.columns, names);
        continue;
      }
      const row = new Array<unknown>(at.length);
      for (let i = 0; i < at.length; i++) row[i] = at[i]! < 0 ? null : (record[at[i]!] ?? null);
      emit(row);
      if (++seen % 4096 === 0) {
        progress(bytes);
        if (signal?.aborted) throw signal.reason;
      }
    }
  } catch (error) {
    if (error instanceof Limit || error === signal?.reason) throw error;
    throw new AppError("BAD_REQUEST", `'${file.path}' does not parse as CSV: ${(error as Error).message}`);
  } finally {
    object.stream.destroy();
  }
  progress(file.size);
}

async function readParquet(
  workspaceId: string,
  source: TTableSource,
  file: TTableFile,
  state: TState,
  emit: TRowHandler,
  progress: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  await withLocalDataCopy(workspaceId, source.version, file, async (local) => {
    const own = await readParquetSchema(local);
    state.columns ??= own;
    const names = state.columns.map((c) => c.name);
    const present = names.filter((n) => own.some((c) => c.name === n));
    const buffer = await asyncBufferFromFile(local);
    const metadata = await parquetMetadataAsync(buffer);
    const totalRows = Number(metadata.num_rows) || 1;
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      const rows = await parquetReadObjects({ file: buffer, metadata, columns: present, rowStart, rowEnd });
      for (const record of rows) emit(names.map((n) => record[n] ?? null));
      rowStart = rowEnd;
      progress((file.size * rowStart) / totalRows);
      if (signal?.aborted) throw signal.reason;
    }
  });
}
