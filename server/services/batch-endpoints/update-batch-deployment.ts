import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { batchDeploymentView, DEPLOYMENT_INCLUDE } from "./batch-endpoint-view";
import type { TUpdateBatchDeploymentInput } from "./batch-deployment-settings";
import { findBatchDeployment } from "./find-batch-deployment";
import { readCodeArchive } from "./read-code-archive";
import { resolveBatchDeploymentRefs } from "./resolve-batch-deployment-refs";

/**
 * Changes a deployment; what the input leaves out stays. Jobs already submitted keep the code and
 * model they were given. A new scoring script without new code must name a file of the stored code.
 */
export async function updateBatchDeployment(actor: TActor, workspaceId: string, input: TUpdateBatchDeploymentInput) {
  const current = await findBatchDeployment(workspaceId, input.endpointName, input.name);
  const archive = input.codeArchive ? Buffer.from(input.codeArchive, "base64") : null;
  const scoringScript = input.scoringScript ?? current.deployment.scoringScript;
  const files =
    archive || input.scoringScript
      ? await readCodeArchive(archive ?? Buffer.from(current.deployment.codeArchive), scoringScript)
      : null;
  return db().$transaction(async (tx) => {
    const { endpoint, deployment } = await findBatchDeployment(workspaceId, input.endpointName, input.name, tx);
    const { model, environment } = await resolveBatchDeploymentRefs(tx, workspaceId, input);
    const updated = await tx.batchDeployment.update({
      where: { id: deployment.id },
      data: {
        description: input.description,
        ...(model ? { modelVersionId: model.version.id, modelRef: input.model } : {}),
        ...(environment ? { environmentVersionId: environment.version.id, environmentRef: input.environment } : {}),
        compute: input.compute,
        scoringScript,
        ...(archive && files
          ? {
              codeArchive: archive,
              codeFileCount: files.length,
              codeBytes: files.reduce((n, f) => n + f.content.length, 0),
            }
          : {}),
        miniBatchSize: input.miniBatchSize,
        instanceCount: input.instanceCount,
        maxConcurrencyPerInstance: input.maxConcurrencyPerInstance,
        maxRetries: input.maxRetries,
        timeoutS: input.timeoutS,
        errorThreshold: input.errorThreshold,
        outputAction: input.outputAction,
        outputFileName: input.outputFileName,
      },
      include: DEPLOYMENT_INCLUDE,
    });
    const { endpointName: _endpoint, name: _name, codeArchive, ...changed } = input;
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "batchDeployment.update",
      targetType: "batchEndpoint",
      targetId: endpoint.id,
      details: {
        endpoint: endpoint.name,
        deployment: deployment.name,
        changed: [...Object.keys(changed), ...(codeArchive ? ["code"] : [])],
        ...(model ? { model: `${model.model.name}:${model.version.version}` } : {}),
      },
    });
    return batchDeploymentView(updated, endpoint.defaultDeploymentId);
  });
}
