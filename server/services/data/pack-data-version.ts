import { PassThrough, pipeline, type Readable } from "node:stream";
import { pack } from "tar-stream";
import { db } from "../../db";
import { AppError } from "../../errors";
import { dataFileKey } from "./data-file-key";
import { dataStore } from "./data-store";
import { findDataVersion } from "./find-data-version";

/**
 * A version's files as one uncompressed tar, streamed file by file. Every file is checked first,
 * so a version with one missing is refused rather than handed on with a hole in it.
 */
export async function packDataVersion(workspaceId: string, ref: string) {
  const { asset, version } = await findDataVersion(workspaceId, ref);
  const files = await db().dataAssetFile.findMany({ where: { versionId: version.id }, orderBy: { path: "asc" } });
  const store = dataStore(workspaceId);
  for (const file of files) {
    if (!(await store.stat(dataFileKey(workspaceId, version, file))))
      throw new AppError("CONFLICT", `The stored bytes of '${file.path}' are missing`);
  }
  const archive = pack();
  void (async () => {
    try {
      for (const file of files) {
        const object = await store.read(dataFileKey(workspaceId, version, file));
        if (!object) throw new AppError("CONFLICT", `The stored bytes of '${file.path}' are missing`);
        const entry = archive.entry({ name: file.path, size: object.size });
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
  return { name: `${asset.name}-${version.version}.tar`, stream: out as Readable };
}
