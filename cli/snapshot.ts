import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import ignore from "ignore";
import { listFolderFiles, tarFolderFiles } from "./pack-folder";

export const MAX_SNAPSHOT_BYTES = 300 * 1024 * 1024;

/** The code folder as a .tar.gz, honouring .amlignore if present, else .gitignore (never both). */
export function packCodeFolder(folder: string): { archive: Readable; files: number; bytes: number } {
  const rulesFile = [".amlignore", ".gitignore"].map((f) => path.join(folder, f)).find((f) => existsSync(f));
  const rules = ignore().add([".git/", ".crucible/"]);
  if (rulesFile) rules.add(readFileSync(rulesFile, "utf8"));
  const files = listFolderFiles(folder, (relative, isDir) => !rules.ignores(isDir ? `${relative}/` : relative));
  const bytes = files.reduce((n, f) => n + f.size, 0);
  if (bytes > MAX_SNAPSHOT_BYTES) {
    throw new Error(
      `The code folder is ${Math.round(bytes / 1024 / 1024)} MiB, over the ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MiB snapshot limit; list large files in .amlignore (or .gitignore)`,
    );
  }
  return { archive: tarFolderFiles(folder, files).pipe(createGzip()), files: files.length, bytes };
}
