import type { TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { normaliseArtifactPath } from "../../storage/artifact-path";
import { storeArtifactsAsBlobs } from "../data/store-artifacts-as-blobs";
import { findRun } from "../runs/find-run";
import { createModelVersion, type TNewModelVersion } from "./create-model-version";
import type { TModelVersionTarget } from "./model-input";

export type TRegisterFromRun = {
  target: TModelVersionTarget;
  runId: string;
  /** A folder of the run's artifacts (`outputs/model`), or one file. */
  path: string;
  uri?: string;
  loggedModelId?: string | null;
  isModelCreated?: TNewModelVersion["isModelCreated"];
};

/**
 * Registers a run's artifact folder as the next version: each file copied into the workspace's
 * content-addressed blobs, so the version outlives the run and shares bytes with data assets.
 */
export async function registerModelFromRun(actor: TActor, workspaceId: string, input: TRegisterFromRun) {
  const run = await findRun(workspaceId, input.runId);
  const path = normaliseArtifactPath(input.path);
  const prefix = `${path}/`;
  let artifacts = await db().artifact.findMany({
    where: { runId: run.id, path: { startsWith: prefix } },
    orderBy: { path: "asc" },
    select: { path: true },
  });
  let base = prefix;
  if (artifacts.length === 0) {
    const single = await db().artifact.findUnique({ where: { runId_path: { runId: run.id, path } } });
    if (!single) throw new AppError("NOT_FOUND", `Run ${run.id} has no artifacts under '${path}'`);
    artifacts = [{ path }];
    base = path.slice(0, path.lastIndexOf("/") + 1);
  }
  const job = await db().job.findUnique({ where: { runId: run.id }, select: { environmentVersionId: true } });
  const files = await storeArtifactsAsBlobs(workspaceId, run.id, artifacts, base);
  return createModelVersion(actor, workspaceId, {
    target: input.target,
    files,
    isModelCreated: input.isModelCreated,
    source: {
      runId: run.id,
      path,
      uri: input.uri ?? `runs:/${run.id}/${path}`,
      loggedModelId: input.loggedModelId ?? null,
      environmentVersionId: job?.environmentVersionId ?? null,
    },
  });
}
