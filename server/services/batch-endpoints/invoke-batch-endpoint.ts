import { Readable } from "node:stream";
import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { INPUTS_DIR } from "../../jobs/job-spec";
import { JobSpecError, parseJobSpec } from "../../jobs/job-spec";
import { releaseJobAfterSnapshot } from "../../jobs/release-job";
import { submitJob } from "../../jobs/submit-job";
import { storeSnapshot } from "../artifacts/store-snapshot";
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
  const modelDir = `${INPUTS_DIR}/model`;
  const args = [
    `--scoring-script ${deployment.scoringScript}`,
    "--input ${{inputs.data}}",
    "--output ${{outputs.predictions}}",
    `--mini-batch-size ${deployment.miniBatchSize}`,
    `--max-concurrency ${deployment.maxConcurrencyPerInstance}`,
    `--max-retries ${deployment.maxRetries}`,
    `--timeout ${deployment.timeoutS}`,
    `--error-threshold ${deployment.errorThreshold}`,
    `--output-action ${deployment.outputAction}`,
    `--output-file-name ${deployment.outputFileName}`,
  ];
  let spec;
  try {
    spec = parseJobSpec({
      command: `python3 ${BATCH_DRIVER_FILE} ${args.join(" ")}`,
      environment: `${deployment.environmentVersion.environment.name}:${deployment.environmentVersion.version}`,
      compute: deployment.compute,
      experiment_name: endpoint.name,
      display_name: `${endpoint.name}/${deployment.name}`,
      description: `Batch scoring of ${input.input} by ${endpoint.name}/${deployment.name} (model ${model})`,
      inputs: {
        data: { type: "uri_folder", path: dataPath, mode: "download" },
        model: { path: `crucible:models/${model}`, mode: "ro_mount" },
      },
      outputs: {
        predictions: { type: "uri_folder", ...(input.outputName ? { name: input.outputName } : {}) },
      },
      // Azure's name for where init() finds the model, so scoring scripts written for it run unchanged.
      environment_variables: { AZUREML_MODEL_DIR: modelDir, CRUCIBLE_MODEL_DIR: modelDir },
      tags: { batch_endpoint: endpoint.name, batch_deployment: deployment.name },
    });
  } catch (error) {
    if (error instanceof JobSpecError)
      throw new AppError("BAD_REQUEST", error.message.replace(/^job, inputs\.data\.path: /, "input: "));
    throw error;
  }
  const files = await readCodeArchive(Buffer.from(deployment.codeArchive), deployment.scoringScript);
  const code = await batchJobCode(files);
  const run = await submitJob(actor, workspaceId, { spec, hasCode: true }).catch((error: unknown) => {
    // The job's input names are the driver's; the caller named only the data.
    if (error instanceof AppError && error.message.startsWith("inputs.data: "))
      throw new AppError(error.code, `input: ${error.message.slice("inputs.data: ".length)}`);
    throw error;
  });
  try {
    const link = await db().runDataLink.findFirst({
      where: { runId: run.id, direction: "input", name: "data" },
      select: { version: { select: { version: true, asset: { select: { name: true } } } } },
    });
    const pinned = link ? `${link.version.asset.name}:${link.version.version}` : input.input;
    await db().$transaction(async (tx) => {
      await tx.batchInvocation.create({
        data: {
          runId: run.id,
          endpointId: endpoint.id,
          deploymentId: deployment.id,
          deploymentName: deployment.name,
          input: pinned,
        },
      });
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: "batchEndpoint.invoke",
        targetType: "batchEndpoint",
        targetId: endpoint.id,
        details: { endpoint: endpoint.name, deployment: deployment.name, input: pinned, runId: run.id },
      });
    });
    await storeSnapshot(workspaceId, run.id, Readable.from([code]));
  } catch (error) {
    // The job must not wait for code that will never come.
    await db().run.delete({ where: { id: run.id } });
    throw error;
  }
  await releaseJobAfterSnapshot(run.id);
  return { runId: run.id, displayName: run.displayName, deployment: deployment.name, model, status: run.status };
}
