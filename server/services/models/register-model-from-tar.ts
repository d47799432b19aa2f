import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { TActor } from "../../audit/record-audit-event";
import { AppError } from "../../errors";
import { unpackTar } from "../artifacts/unpack-tar";
import { normaliseDataPath } from "../data/data-path";
import { storeBlob } from "../data/store-blob";
import { createModelVersion } from "./create-model-version";
import type { TModelVersionTarget } from "./model-input";

const MAX_MODEL_BYTES = 50 * 1024 ** 3;

/**
 * Registers the files of an uploaded tar as the next version. Each file lands in a temporary file,
 * then in the blobs; the version is recorded only once the whole archive has arrived, so an
 * interrupted upload registers nothing (its stored blobs are removed by the data cleanup).
 */
export async function registerModelFromTar(
  actor: TActor,
  workspaceId: string,
  target: TModelVersionTarget,
  tar: Readable,
) {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "crucible-model-upload-"));
  // The client's connection failing is the client's fault to retry, not the studio's to report as a 500.
  let brokenOff: unknown = null;
  tar.once("error", (error) => (brokenOff = error));
  try {
    let count = 0;
    const files = await unpackTar(tar, {
      maxBytes: MAX_MODEL_BYTES,
      // A tar made with `tar -C dir .` names its files `./x`: the leading `./` is no folder.
      toPath: (name) => normaliseDataPath(name),
      write: async (_path, stream) => {
        const tmp = path.join(dir, String(count++));
        await pipeline(stream, fs.createWriteStream(tmp));
        const blob = await storeBlob(workspaceId, tmp);
        await fsp.rm(tmp);
        return { size: blob.size, sha256: blob.sha256 };
      },
      tooLarge: (max) => `A model upload is limited to ${Math.round(max / 1024 ** 3)} GiB`,
    }).catch((error: unknown) => {
      if (error === brokenOff && !(error instanceof AppError))
        throw new AppError("BAD_REQUEST", "The upload broke off before the archive ended; send it again");
      // The archive's own faults are the caller's to fix; the store's and the database's are ours.
      if (error instanceof AppError || !/tar|header|unexpected end/i.test(String((error as Error).message)))
        throw error;
      throw new AppError("BAD_REQUEST", `The upload is not a readable tar archive: ${(error as Error).message}`);
    });
    return await createModelVersion(actor, workspaceId, { target, files, source: { uri: "upload" } });
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
