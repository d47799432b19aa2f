import type { Readable } from "node:stream";
import { db } from "../../db";
import { AppError } from "../../errors";
import { runStore } from "../../storage/datastore-store";
import { normaliseArtifactPath } from "../../storage/artifact-path";
import { findRun } from "../runs/find-run";

/** Streams a file into a run's artifacts (replacing one at the same path) and records its size and hash. */
export async function uploadArtifact(workspaceId: string, runId: string, rawPath: string, body: Readable) {
  const run = await findRun(workspaceId, runId);
  if (run.deletedAt) throw new AppError("CONFLICT", `Run ${runId} is deleted`);
  const artifactPath = normaliseArtifactPath(rawPath);
  const stored = await (await runStore(workspaceId, runId)).write(`${workspaceId}/${runId}/${artifactPath}`, body);
  await db().artifact.upsert({
    where: { runId_path: { runId, path: artifactPath } },
    create: { runId, path: artifactPath, size: BigInt(stored.size), sha256: stored.sha256 },
    update: { size: BigInt(stored.size), sha256: stored.sha256 },
  });
  return { path: artifactPath, ...stored };
}
