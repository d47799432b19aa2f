import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { openArtifact } from "../artifacts/open-artifact";
import { storeBlob } from "./store-blob";

/**
 * Copies a run's artifacts under `prefix` into the workspace's content-addressed blobs, one at a
 * time through a temporary file, and names each by its path below the prefix.
 */
export async function storeArtifactsAsBlobs(
  workspaceId: string,
  runId: string,
  artifacts: readonly { path: string }[],
  prefix: string,
): Promise<{ path: string; size: number; sha256: string }[]> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "crucible-artifacts-"));
  try {
    const files = [];
    for (const artifact of artifacts) {
      const opened = await openArtifact(workspaceId, runId, artifact.path);
      const tmp = path.join(dir, String(files.length));
      await pipeline(opened.stream, fs.createWriteStream(tmp));
      const blob = await storeBlob(workspaceId, tmp);
      files.push({ path: artifact.path.slice(prefix.length), size: blob.size, sha256: blob.sha256 });
      await fsp.rm(tmp);
    }
    return files;
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
