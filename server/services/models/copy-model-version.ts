import type { TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { createModelVersion } from "./create-model-version";
import { findModelVersion } from "./find-model";
import type { TModelVersionTarget } from "./model-input";

/** Registers an existing version's files as the next version of a model (the same blobs, nothing copied). */
export async function copyModelVersion(
  actor: TActor,
  workspaceId: string,
  fromRef: string,
  target: TModelVersionTarget,
  options: { uri: string; isModelCreated?: boolean },
) {
  const { version } = await findModelVersion(workspaceId, fromRef);
  const files = await db().modelVersionFile.findMany({ where: { versionId: version.id } });
  return createModelVersion(actor, workspaceId, {
    target: { ...target, type: target.type ?? version.type },
    files: files.map((f) => ({ path: f.path, size: Number(f.size), sha256: f.sha256 })),
    isModelCreated: options.isModelCreated,
    source: {
      runId: version.sourceRunId,
      path: version.sourcePath,
      uri: options.uri,
      loggedModelId: version.loggedModelId,
      environmentVersionId: version.environmentVersionId,
    },
  });
}
