import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { AppError } from "../../errors";
import { dataFileLocations } from "./data-file-locations";

/**
 * Runs `read` on a local copy of a version's file, removed afterwards: Parquet is read by seeking
 * to its footer, which a datastore stream does not offer.
 */
export async function withLocalDataCopy<T>(
  workspaceId: string,
  version: { referencePath: string | null; datastoreName: string },
  file: { path: string; sha256: string },
  read: (localPath: string) => Promise<T>,
): Promise<T> {
  const [location] = await dataFileLocations(workspaceId, version, [file]);
  const object = await location!.store.read(location!.key);
  if (!object) throw new AppError("CONFLICT", `The stored bytes of '${file.path}' are missing`);
  const folder = await fsp.mkdtemp(path.join(os.tmpdir(), "crucible-data-"));
  const local = path.join(folder, randomUUID());
  try {
    await pipeline(object.stream, fs.createWriteStream(local, { flags: "wx" }));
    return await read(local);
  } finally {
    await fsp.rm(folder, { recursive: true, force: true });
  }
}
