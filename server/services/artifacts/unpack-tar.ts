import { Readable } from "node:stream";
import { extract } from "tar-stream";
import { AppError } from "../../errors";

export type TStoredFile = { path: string; size: number; sha256: string };

export type TUnpackOptions = {
  maxBytes: number;
  /** The artifact path for an entry's name; throw to refuse the archive, null to skip the entry. */
  toPath: (name: string) => string | null;
  write: (path: string, stream: Readable) => Promise<{ size: number; sha256: string }>;
  tooLarge: (maxBytes: number) => string;
};

/** Streams a tar archive's files one at a time into `write`; any failure anywhere rejects once. */
export function unpackTar(tar: Readable, options: TUnpackOptions): Promise<TStoredFile[]> {
  return new Promise((resolve, reject) => {
    const files: TStoredFile[] = [];
    const entries = extract();
    let total = 0;
    let isDone = false;
    const fail = (error: Error) => {
      if (isDone) return;
      isDone = true;
      tar.unpipe();
      tar.destroy();
      entries.destroy();
      reject(error);
    };
    tar.on("error", fail);
    entries.on("error", fail);
    entries.on("entry", (header, stream, next) => {
      let path: string | null = null;
      if (header.type === "file") {
        try {
          path = options.toPath(header.name);
        } catch (error) {
          fail(error as Error);
          return;
        }
      }
      if (path === null) {
        stream.on("end", next);
        stream.resume();
        return;
      }
      total += header.size ?? 0;
      if (total > options.maxBytes) {
        fail(new AppError("BAD_REQUEST", options.tooLarge(options.maxBytes)));
        return;
      }
      const target = path;
      // tar-stream entries are streamx streams; Readable.from adapts them for the store.
      options.write(target, Readable.from(stream)).then((stored) => {
        files.push({ path: target, ...stored });
        next();
      }, fail);
    });
    entries.on("finish", () => {
      if (isDone) return;
      isDone = true;
      resolve(files);
    });
    tar.pipe(entries);
  });
}
