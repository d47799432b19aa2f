import { db } from "../../db";
import { AppError } from "../../errors";
import type { Prisma, RunStatus } from "../../generated/prisma/client";
import { createExperiment } from "../experiments/create-experiment";
import { logBatch } from "./log-batch";
import { randomRunName } from "./run-name";

export type TCreateRun = {
  experimentId?: string;
  /** Created when it does not exist yet, as in Azure ML and MLflow's set_experiment. */
  experimentName?: string;
  displayName?: string;
  parentRunId?: string;
  status?: RunStatus;
  startedAt?: Date;
  notes?: string;
  git?: { repo?: string; branch?: string; commit?: string; isDirty?: boolean };
  tags?: { key: string; value: string }[];
  params?: { key: string; value: string }[];
};

/** `inTransaction` adds rows that must exist together with the run (a job's, say). */
export async function createRun(
  workspaceId: string,
  userId: string | null,
  input: TCreateRun,
  inTransaction?: (tx: Prisma.TransactionClient, runId: string) => Promise<void>,
) {
  const run = await db().$transaction(async (tx) => {
    let experimentId = input.experimentId;
    if (!experimentId) {
      if (!input.experimentName) throw new AppError("BAD_REQUEST", "Give experimentId or experimentName");
      const existing = await tx.experiment.findUnique({
        where: { workspaceId_name: { workspaceId, name: input.experimentName } },
      });
      if (existing?.deletedAt)
        throw new AppError("CONFLICT", `Experiment '${input.experimentName}' is archived; restore it first`);
      experimentId =
        existing?.id ?? (await createExperiment(workspaceId, userId, { name: input.experimentName }, tx)).id;
    } else {
      const experiment = await tx.experiment.findFirst({ where: { id: experimentId, workspaceId } });
      if (!experiment) throw new AppError("NOT_FOUND", `Experiment ${experimentId} not found`);
      if (experiment.deletedAt)
        throw new AppError("CONFLICT", `Experiment '${experiment.name}' is archived; restore it first`);
    }
    if (input.parentRunId) {
      const parent = await tx.run.findFirst({ where: { id: input.parentRunId, workspaceId } });
      if (!parent) throw new AppError("NOT_FOUND", `Parent run ${input.parentRunId} not found`);
    }
    const datastore = await tx.datastore.findFirst({ where: { workspaceId, isDefault: true }, select: { id: true } });
    if (!datastore) throw new AppError("CONFLICT", "This workspace has no default datastore");
    const status = input.status ?? "Running";
    const created = await tx.run.create({
      data: {
        workspaceId,
        experimentId,
        datastoreId: datastore.id,
        parentRunId: input.parentRunId ?? null,
        displayName: input.displayName?.trim() || randomRunName(),
        status,
        userId,
        notes: input.notes ?? "",
        startedAt: input.startedAt ?? (status === "Running" ? new Date() : null),
        gitRepo: input.git?.repo,
        gitBranch: input.git?.branch,
        gitCommit: input.git?.commit,
        gitIsDirty: input.git?.isDirty,
      },
    });
    await inTransaction?.(tx, created.id);
    return created;
  });
  if (input.tags?.length || input.params?.length) {
    await logBatch(workspaceId, run.id, { params: input.params ?? [], tags: input.tags ?? [], metrics: [] });
  }
  return run;
}
