import { PassThrough, pipeline, type Readable } from "node:stream";
import { pack } from "tar-stream";
import { AppError } from "../../errors";
import type { TFileLocation } from "./blob-locations";

export type TPackOptions = {
  /** Who owns the files and folders in the tar (a job's input: root, or the job's own user). */
  owner?: { uid: number; gid: number };
  /** Files 0444 and folders 0555, so even their owner cannot change them without chmod. */
  isReadOnly?: boolean;
};

/**
 * Stored files, each on its own datastore, as one uncompressed tar under their own paths, streamed
 * file by file. Every file is checked first, so a set with one missing is refused rather than
 * handed on with a hole in it.
 */
export async function packStoredFiles(files: readonly TFileLocation[], options: TPackOptions = {}): Promise<Readable> {
  for (const file of files) {
    if (!(await file.store.stat(file.key)))
      throw new AppError("CONFLICT", `The stored bytes of '${file.path}' are missing`);
  }
  const archive = pack();
  const owner = options.owner ?? { uid: 0, gid: 0 };
  const [fileMode, folderMode] = options.isReadOnly ? [0o444, 0o555] : [0o644, 0o755];
  // An owner given (a job's input): folders first, with the files' owner and mode, where an
  // unpacker would make them root's. Downloads keep the plain file list.
  const folders = options.owner
    ? new Set(
        files.flatMap((f) =>
          f.path
            .split("/")
            .slice(0, -1)
            .map((_, i, parts) => parts.slice(0, i + 1).join("/")),
        ),
      )
    : new Set<string>();
  void (async () => {
    try {
      for (const folder of [...folders].sort())
        archive.entry({ name: `${folder}/`, type: "directory", mode: folderMode, ...owner });
      for (const file of files) {
        const object = await file.store.read(file.key);
        if (!object) throw new AppError("CONFLICT", `The stored bytes of '${file.path}' are missing`);
        const entry = archive.entry({ name: file.path, size: object.size, mode: fileMode, ...owner });
        await new Promise<void>((resolve, reject) => {
          object.stream.on("error", reject);
          entry.on("error", reject);
          entry.on("finish", resolve);
          object.stream.pipe(entry);
        });
      }
      archive.finalize();
    } catch (error) {
      archive.destroy(error as Error);
    }
  })();
  const out = new PassThrough();
  // pipeline, so a file failing mid-way fails the download instead of ending it as if whole.
  pipeline(archive as unknown as Readable, out, () => {});
  return out;
}
