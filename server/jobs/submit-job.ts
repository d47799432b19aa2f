import { recordAuditEvent, type TActor } from "../audit/record-audit-event";
import type { Prisma } from "../generated/prisma/client";
import { resolveCompute } from "../services/compute/resolve-compute";
import { environmentHash } from "../services/environments/environment-spec";
import { resolveEnvironment } from "../services/environments/resolve-environment";
import { createRun } from "../services/runs/create-run";
import { commandValues, isAssetInput, parseMemory, substituteInputs, type TJobSpec } from "./job-spec";
import { inputLinkRows, resolveDataInputs, type TResolvedInput } from "./resolve-data-inputs";
import { modelInputRows, resolveModelInputs } from "./resolve-model-inputs";
import { db } from "../db";
import { AppError, isForeignKeyViolation } from "../errors";
import { copySnapshot } from "../services/artifacts/copy-snapshot";
import { notifyJobsQueued } from "../database/notifications";
import { releaseJobAfterSnapshot } from "./release-job";

export type TSubmitJob = {
  spec: TJobSpec;
  /** The code folder comes as a snapshot upload after submission; the job waits for it. */
  hasCode: boolean;
  /** The YAML as written, kept for "show the spec" and resubmission. */
  source?: string;
  /** Resubmission: the new run gets this run's code snapshot. */
  snapshotFromRunId?: string;
  /** A child of this run (one instance of a batch scoring job). */
  parentRunId?: string;
};

/**
 * Creates the run (Queued) and its job in one transaction, then wakes the workers. Data and model
 * inputs are pinned to versions first, so a missing one is refused here rather than when the job runs.
 */
export async function submitJob(actor: TActor, workspaceId: string, input: TSubmitJob) {
  const { spec } = input;
  const dataInputs = await resolveDataInputs(workspaceId, spec);
  const modelInputs = await resolveModelInputs(workspaceId, spec);
  const refs = Object.fromEntries([...dataInputs, ...modelInputs].map((i) => [i.name, i.ref]));
  const run = await createRun(
    workspaceId,
    actor.userId,
    {
      experimentName: spec.experiment_name,
      displayName: spec.display_name,
      parentRunId: input.parentRunId,
      status: "Queued",
      notes: spec.description,
      tags: Object.entries(spec.tags).map(([key, value]) => ({ key, value })),
      // Inputs are the job's parameters: logging them makes runs comparable and searchable. A data
      // or model input is logged as the version it was pinned to.
      params: Object.entries(spec.inputs).map(([key, value]) => ({
        key,
        value: isAssetInput(value) ? refs[key]! : String(value),
      })),
    },
    async (tx, runId) => {
      const job = await tx.job.create({
        data: {
          ...(await jobRow(tx, workspaceId, runId, input, dataInputs)),
          isReady: !input.hasCode && !input.snapshotFromRunId,
        },
      });
      if (dataInputs.length > 0) await tx.runDataLink.createMany({ data: inputLinkRows(runId, dataInputs) });
      if (modelInputs.length > 0) {
        await tx.runModelInput.createMany({ data: modelInputRows(runId, modelInputs) }).catch((error: unknown) => {
          // Deleted between its resolution above and now.
          if (isForeignKeyViolation(error))
            throw new AppError("CONFLICT", "A model version the inputs name was just deleted; submit the job again");
          throw error;
        });
      }
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: "job.submit",
        targetType: "run",
        targetId: runId,
        details: { compute: spec.compute, command: job.command.slice(0, 500) },
      });
    },
  );
  if (input.snapshotFromRunId) {
    try {
      await copySnapshot(workspaceId, input.snapshotFromRunId, run.id);
    } catch (error) {
      // The run was made in vain: take it back rather than leave a job waiting for code forever.
      await db().run.delete({ where: { id: run.id } });
      throw error;
    }
    await releaseJobAfterSnapshot(run.id);
  }
  await notifyJobsQueued();
  return run;
}

async function jobRow(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  runId: string,
  input: TSubmitJob,
  dataInputs: TResolvedInput[],
): Promise<Prisma.JobUncheckedCreateInput> {
  const { spec } = input;
  const compute = await resolveCompute(workspaceId, spec.compute, tx);
  let environmentVersionId: string | null = null;
  let imageHash: string;
  if (typeof spec.environment === "string") {
    const resolved = await resolveEnvironment(workspaceId, spec.environment, tx);
    environmentVersionId = resolved.version.id;
    imageHash = resolved.version.hash;
  } else {
    imageHash = environmentHash(spec.environment);
  }
  return {
    runId,
    workspaceId,
    spec: { ...spec, ...(input.source ? { $source: input.source } : {}) } as Prisma.InputJsonObject,
    command: substituteInputs(
      spec.command,
      commandValues(spec, Object.fromEntries(dataInputs.flatMap((i) => (i.fileName ? [[i.name, i.fileName]] : [])))),
    ),
    computeTargetId: compute.targetId,
    hostSelector: compute.selector,
    priority: compute.priority,
    environmentVersionId,
    inlineEnvironment: typeof spec.environment === "string" ? undefined : (spec.environment as Prisma.InputJsonObject),
    imageHash,
    cpu: spec.resources.cpu ?? null,
    memoryBytes: parseMemory(spec.resources.memory) === null ? null : BigInt(parseMemory(spec.resources.memory)!),
    gpus: spec.resources.gpus,
    timeoutS: spec.limits.timeout ?? null,
  };
}
