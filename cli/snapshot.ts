import { readdirSync, readFileSync, statSync, createReadStream, existsSync } from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import ignore from "ignore";
import { pack } from "tar-stream";

export const MAX_SNAPSHOT_BYTES = 300 * 1024 * 1024;

/** The code folder as a .tar.gz, honouring .amlignore if present, else .gitignore (never both). */
export function packCodeFolder(folder: string): { archive: Readable; files: number; bytes: number } {
  const rulesFile = [".amlignore", ".gitignore"].map((f) => path.join(folder, f)).find((f) => existsSync(f));
  const rules = ignore().add([".git/", ".crucible/"]);
  if (rulesFile) rules.add(readFileSync(rulesFile, "utf8"));
  const files: { relative: string; size: number }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const absolute = path.join(dir, entry.name);
      const relative = path.relative(folder, absolute).split(path.sep).join("/");
      if (entry.isDirectory()) {
        if (!rules.ignores(`${relative}/`)) walk(absolute);
      } else if (entry.isFile() && !rules.ignores(relative)) {
        files.push({ relative, size: statSync(absolute).size });
      }
    }
  };
  walk(folder);
  const bytes = files.reduce((n, f) => n + f.size, 0);
  if (bytes > MAX_SNAPSHOT_BYTES) {
    throw new Error(
      `The code folder is ${Math.round(bytes / 1024 / 1024)} MiB, over the ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MiB snapshot limit; list large files in .amlignore (or .gitignore)`,
    );
  }
  const archive = pack();
  void (async () => {
    try {
      for (const file of files) {
        const entry = archive.entry({
          name: file.relative,
          size: file.size,
          mode: statSync(path.join(folder, file.relative)).mode & 0o777,
        });
        await new Promise<void>((resolve, reject) => {
          createReadStream(path.join(folder, file.relative))
            .on("error", reject)
            .pipe(entry)
            .on("finish", resolve)
            .on("error", reject);
        });
      }
      archive.finalize();
    } catch (error) {
      archive.destroy(error as Error);
    }
  })();
  return { archive: (archive as unknown as Readable).pipe(createGzip()), files: files.length, bytes };
}
