import { db } from "../../db";
import { AppError } from "../../errors";
import { runStore } from "../../storage/datastore-store";
import { normaliseArtifactPath } from "../../storage/artifact-path";
import { findRun } from "../runs/find-run";

/** A stream of one artifact for download, with what the response headers need. */
export async function openArtifact(workspaceId: string, runId: string, rawPath: string) {
  await findRun(workspaceId, runId);
  const artifactPath = normaliseArtifactPath(rawPath);
  const row = await db().artifact.findUnique({ where: { runId_path: { runId, path: artifactPath } } });
  const object = row
    ? await (await runStore(workspaceId, runId)).read(`${workspaceId}/${runId}/${artifactPath}`)
    : null;
  if (!row || !object) throw new AppError("NOT_FOUND", `Artifact '${artifactPath}' not found`);
  return { path: artifactPath, size: object.size, sha256: row.sha256, stream: object.stream };
}
