import { Readable } from "node:stream";
import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { INPUTS_DIR, OUTPUTS_DIR } from "../../jobs/job-spec";
import { JobSpecError, parseJobSpec } from "../../jobs/job-spec";
import { releaseJobAfterSnapshot } from "../../jobs/release-job";
import { submitJob } from "../../jobs/submit-job";
import { storeSnapshot } from "../artifacts/store-snapshot";
import { createRun } from "../runs/create-run";
import { BATCH_INSTANCES_TAG, BATCH_OUTPUT_TAG } from "./batch-instances";
import { BATCH_DRIVER_FILE, batchJobCode } from "./batch-job-code";
import { findBatchEndpoint } from "./find-batch-endpoint";
import { readCodeArchive } from "./read-code-archive";

export type TInvokeBatchEndpoint = {
  endpointName: string;
  /** A data asset version: `crucible:NAME:VERSION`, `NAME:VERSION` or `NAME@latest`. */
  input: string;
  deploymentName?: string;
  /** The data asset the scores become a version of; by default `<endpoint>-predictions`. */
  outputName?: string;
};

/**
 * Scores a data asset version with a deployment: an ordinary job whose code is the deployment's
 * scoring folder plus the batch driver, whose inputs are the data (a writable copy, as Azure
 * hands files to run()) and the model, and whose output folder becomes a data asset version when
 * it completes. The data version and the model are pinned by the job as any job's inputs are.
 * With `instance_count` above 1, a parent run holds one such job per instance, each scoring every
 * n-th mini-batch wherever the scheduler places it; the worker merges their rows when all end.
 */
export async function invokeBatchEndpoint(actor: TActor, workspaceId: string, input: TInvokeBatchEndpoint) {
  const endpoint = await findBatchEndpoint(workspaceId, input.endpointName);
  const deploymentId = input.deploymentName ? undefined : endpoint.defaultDeploymentId;
  if (!input.deploymentName && !deploymentId)
    throw new AppError("CONFLICT", `Batch endpoint '${endpoint.name}' has no default deployment; create one first`);
  const deployment = await db().batchDeployment.findFirst({
    where: input.deploymentName ? { endpointId: endpoint.id, name: input.deploymentName } : { id: deploymentId! },
    include: {
      modelVersion: { select: { version: true, model: { select: { name: true } } } },
      environmentVersion: { select: { version: true, environment: { select: { name: true } } } },
    },
  });
  if (!deployment)
    throw new AppError("NOT_FOUND", `Batch endpoint '${endpoint.name}' has no deployment '${input.deploymentName}'`);
  const dataPath = /^(?:crucible|azureml):/.test(input.input) ? input.input : `crucible:${input.input}`;
  const model = `${deployment.modelVersion.model.name}:${deployment.modelVersion.version}`;
  const instances = deployment.instanceCount;
  const specFor = (data: string, instance: number | null) => {
    const modelDir = `${INPUTS_DIR}/model`;
    const args = [
      `--scoring-script ${deployment.scoringScript}`,
      "--input ${{inputs.data}}",
      instance === null ? "--output ${{outputs.predictions}}" : `--output ${OUTPUTS_DIR}/predictions`,
      `--mini-batch-size ${deployment.miniBatchSize}`,
      `--max-concurrency ${deployment.maxConcurrencyPerInstance}`,
      `--max-retries ${deployment.maxRetries}`,
      `--timeout ${deployment.timeoutS}`,
      `--error-threshold ${deployment.errorThreshold}`,
      `--output-action ${deployment.outputAction}`,
      `--output-file-name ${deployment.outputFileName}`,
      ...(instance === null ? [] : [`--shard ${instance} --shards ${instances}`]),
    ];
    try {
      return parseJobSpec({
        command: `python3 ${BATCH_DRIVER_FILE} ${args.join(" ")}`,
        environment: `${deployment.environmentVersion.environment.name}:${deployment.environmentVersion.version}`,
        compute: deployment.compute,
        experiment_name: endpoint.name,
        display_name: `${endpoint.name}/${deployment.name}${instance === null ? "" : ` (instance ${instance + 1} of ${instances})`}`,
        description: `Batch scoring of ${input.input} by ${endpoint.name}/${deployment.name} (model ${model})`,
        inputs: {
          data: { type: "uri_folder", path: data, mode: "download" },
          model: { path: `crucible:models/${model}`, mode: "ro_mount" },
        },
        // With several instances, the studio merges their rows and registers the output once they all end.
        outputs:
          instance === null
            ? { predictions: { type: "uri_folder", ...(input.outputName ? { name: input.outputName } : {}) } }
            : {},
        // Azure's name for where init() finds the model, so scoring scripts written for it run unchanged.
        environment_variables: { AZUREML_MODEL_DIR: modelDir, CRUCIBLE_MODEL_DIR: modelDir },
        tags: {
          batch_endpoint: endpoint.name,
          batch_deployment: deployment.name,
          ...(instance === null ? {} : { batch_instance: String(instance) }),
        },
      });
    } catch (error) {
      if (error instanceof JobSpecError)
        throw new AppError("BAD_REQUEST", error.message.replace(/^job, inputs\.data\.path: /, "input: "));
      throw error;
    }
  };
  const files = await readCodeArchive(Buffer.from(deployment.codeArchive), deployment.scoringScript);
  const code = await batchJobCode(files);
  const submit = (data: string, instance: number | null, parentRunId?: string) =>
    submitJob(actor, workspaceId, { spec: specFor(data, instance), hasCode: true, parentRunId }).catch(
      (error: unknown) => {
        // The job's input names are the driver's; the caller named only the data.
        if (error instanceof AppError && error.message.startsWith("inputs.data: "))
          throw new AppError(error.code, `input: ${error.message.slice("inputs.data: ".length)}`);
        throw error;
      },
    );
  // One instance is one job; several are a run whose child jobs each score a share of the mini-batches.
  const parent =
    instances > 1
      ? await createRun(workspaceId, actor.userId, {
          experimentName: endpoint.name,
          displayName: `${endpoint.name}/${deployment.name}`,
          notes: `Batch scoring of ${input.input} by ${endpoint.name}/${deployment.name} (model ${model}) on ${instances} instances`,
          tags: [
            { key: "batch_endpoint", value: endpoint.name },
            { key: "batch_deployment", value: deployment.name },
            { key: BATCH_INSTANCES_TAG, value: String(instances) },
            ...(input.outputName ? [{ key: BATCH_OUTPUT_TAG, value: input.outputName }] : []),
          ],
        })
      : null;
  const runs: { id: string; displayName: string; status: string }[] = [];
  try {
    runs.push(await submit(dataPath, parent ? 0 : null, parent?.id));
    // Every instance reads the version the first was given, even if a newer one comes meanwhile.
    const pinned = await pinnedData(runs[0]!.id);
    for (let instance = 1; instance < instances; instance++)
      runs.push(await submit(pinned ? `crucible:${pinned.ref}` : dataPath, instance, parent!.id));
    if (parent && pinned)
      await db().runDataLink.create({
        data: { runId: parent.id, versionId: pinned.versionId, direction: "input", name: "data", mode: "download" },
      });
  } catch (error) {
    await db().run.deleteMany({ where: { id: { in: [...runs.map((r) => r.id), ...(parent ? [parent.id] : [])] } } });
    throw error;
  }
  const run = parent ?? runs[0]!;
  try {
    const pinned = await pinnedData(runs[0]!.id);
    await db().$transaction(async (tx) => {
      await tx.batchInvocation.create({
        data: {
          runId: run.id,
          endpointId: endpoint.id,
          deploymentId: deployment.id,
          deploymentName: deployment.name,
          input: pinned?.ref ?? input.input,
        },
      });
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: "batchEndpoint.invoke",
        targetType: "batchEndpoint",
        targetId: endpoint.id,
        details: {
          endpoint: endpoint.name,
          deployment: deployment.name,
          input: pinned?.ref ?? input.input,
          runId: run.id,
          instances,
        },
      });
    });
    for (const job of runs) await storeSnapshot(workspaceId, job.id, Readable.from([code]));
  } catch (error) {
    // The jobs must not wait for code that will never come.
    await db().run.deleteMany({ where: { id: { in: [...runs.map((r) => r.id), run.id] } } });
    throw error;
  }
  for (const job of runs) await releaseJobAfterSnapshot(job.id);
  return { runId: run.id, displayName: run.displayName, deployment: deployment.name, model, status: run.status };
}

/** The data version a job's `data` input was pinned to at submission. */
async function pinnedData(runId: string) {
  const link = await db().runDataLink.findFirst({
    where: { runId, direction: "input", name: "data" },
    select: { versionId: true, version: { select: { version: true, asset: { select: { name: true } } } } },
  });
  return link ? { versionId: link.versionId, ref: `${link.version.asset.name}:${link.version.version}` } : null;
}
