import { randomUUID } from "node:crypto";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";
import type { LoggedModel } from "../../generated/prisma/client";
import { createRun } from "../runs/create-run";
import { findRun } from "../runs/find-run";
import { randomRunName } from "../runs/run-name";

export type TCreateLoggedModel = {
  experimentId: string;
  name?: string;
  sourceRunId?: string;
  modelType?: string;
  params: { key: string; value: string }[];
  tags: { key: string; value: string }[];
};

// A name that is also a safe folder name keeps MLflow 2's layout (`model/MLmodel` in the run).
const FOLDER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * A model an MLflow 3 client is about to upload. Its files go into its source run's artifacts,
 * in a folder named after it (or `models/<id>` when that folder is taken or the name is no folder name);
 * a model logged outside any run gets a finished run of its own to hold them.
 */
export async function createLoggedModel(workspaceId: string, userId: string, input: TCreateLoggedModel) {
  const experiment = await db().experiment.findFirst({ where: { id: input.experimentId, workspaceId } });
  if (!experiment) throw new AppError("NOT_FOUND", `Experiment ${input.experimentId} not found`);
  if (experiment.deletedAt)
    throw new AppError("CONFLICT", `Experiment '${experiment.name}' is archived; restore it first`);
  const name = input.name?.trim() || randomRunName();
  const id = `m-${randomUUID().replaceAll("-", "")}`;
  const isFolderName = FOLDER_NAME.test(name) && name !== "models";
  const row = (sourceRunId: string, artifactPath: string) => ({
    id,
    workspaceId,
    experimentId: experiment.id,
    sourceRunId,
    name,
    modelType: input.modelType ?? "",
    params: Object.fromEntries(input.params.map((p) => [p.key, p.value])),
    tags: Object.fromEntries(input.tags.map((t) => [t.key, t.value])),
    artifactPath,
  });
  if (!input.sourceRunId) {
    // The run and its model together or neither.
    let created: LoggedModel | undefined;
    await createRun(
      workspaceId,
      userId,
      { experimentId: experiment.id, displayName: name, status: "Completed", startedAt: new Date() },
      async (tx, runId) => {
        created = await tx.loggedModel.create({ data: row(runId, isFolderName ? name : `models/${id}`) });
      },
    );
    return created!;
  }
  const run = await findRun(workspaceId, input.sourceRunId);
  if (run.experimentId !== experiment.id)
    throw new AppError("BAD_REQUEST", `Run ${run.id} is not in experiment ${experiment.id}`);
  if (run.deletedAt) throw new AppError("CONFLICT", `Run ${run.id} is deleted`);
  // Files already in that folder (logged some other way) would mix with the model's.
  const isFolderFree =
    isFolderName &&
    !(await db().artifact.findFirst({
      where: { runId: run.id, path: { startsWith: `${name}/` } },
      select: { runId: true },
    }));
  if (isFolderFree) {
    try {
      return await db().loggedModel.create({ data: row(run.id, name) });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return db().loggedModel.create({ data: row(run.id, `models/${id}`) });
}
