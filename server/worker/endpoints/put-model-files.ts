import "server-only";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { db } from "../../db";
import { blobLocations } from "../../services/data/blob-locations";
import { modelDirFor } from "./instance-paths";

// One copy at a time per version in this process; instances of one version share it.
const putting = new Map<string, Promise<string>>();

/**
 * The version's files in a folder of this machine, put there once: written under a temp name and
 * renamed, so an instance never sees half a model. Readable by the containers' user.
 */
export function putModelFiles(workspaceId: string, versionId: string): Promise<string> {
  let pending = putting.get(versionId);
  if (!pending) {
    pending = put(workspaceId, versionId).finally(() => putting.delete(versionId));
    putting.set(versionId, pending);
  }
  return pending;
}

async function put(workspaceId: string, versionId: string): Promise<string> {
  const dir = modelDirFor(versionId);
  if (await fs.stat(dir).catch(() => null)) return dir;
  const files = await db().modelVersionFile.findMany({ where: { versionId }, orderBy: { path: "asc" } });
  const temp = `${dir}.${process.pid}.${Date.now()}.partial`;
  await fs.mkdir(temp, { recursive: true, mode: 0o755 });
  try {
    for (const location of await blobLocations(workspaceId, files)) {
      const target = path.join(temp, location.path);
      if (!target.startsWith(temp + path.sep)) throw new Error(`Model file path escapes its folder: ${location.path}`);
      await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
      const object = await location.store.read(location.key);
      if (!object) throw new Error(`The stored bytes of model file '${location.path}' are missing`);
      await pipeline(object.stream, createWriteStream(target, { mode: 0o644 }));
    }
    await fs.chmod(temp, 0o755);
    await fs.rename(temp, dir);
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true });
    // Another process may have won the race to the same folder.
    if (await fs.stat(dir).catch(() => null)) return dir;
    throw error;
  }
  return dir;
}
