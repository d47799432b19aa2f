import { createReadStream, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { pack } from "tar-stream";

/** Every file under `folder` by its `/`-separated path, folders `keep` refuses left out. */
export function listFolderFiles(
  folder: string,
  keep: (relative: string, isDir: boolean) => boolean = () => true,
): { relative: string; size: number }[] {
  const files: { relative: string; size: number }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const absolute = path.join(dir, entry.name);
      const relative = path.relative(folder, absolute).split(path.sep).join("/");
      if (entry.isDirectory()) {
        if (keep(relative, true)) walk(absolute);
      } else if (entry.isFile() && keep(relative, false)) {
        files.push({ relative, size: statSync(absolute).size });
      }
    }
  };
  walk(folder);
  return files;
}

/** The listed files of `folder` as an uncompressed tar, streamed one file at a time. */
export function tarFolderFiles(folder: string, files: readonly { relative: string; size: number }[]): Readable {
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
  return archive as unknown as Readable;
}
