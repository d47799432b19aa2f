import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";
import { batchDeploymentView, DEPLOYMENT_INCLUDE } from "./batch-endpoint-view";
import { DEFAULT_BATCH_ENVIRONMENT, type TCreateBatchDeploymentInput } from "./batch-deployment-settings";
import { findBatchEndpoint } from "./find-batch-endpoint";
import { readCodeArchive } from "./read-code-archive";
import { resolveBatchDeploymentRefs } from "./resolve-batch-deployment-refs";

/**
 * Adds a deployment to a batch endpoint. The model reference is resolved now and the version
 * recorded, so moving an alias later does not change what an existing deployment scores with.
 * The endpoint's first deployment, or one asked to be, becomes its default.
 */
export async function createBatchDeployment(actor: TActor, workspaceId: string, input: TCreateBatchDeploymentInput) {
  const archive = Buffer.from(input.codeArchive, "base64");
  const files = await readCodeArchive(archive, input.scoringScript);
  const environmentRef = input.environment ?? DEFAULT_BATCH_ENVIRONMENT;
  try {
    return await db().$transaction(async (tx) => {
      const endpoint = await findBatchEndpoint(workspaceId, input.endpointName, tx);
      const { model, environment } = await resolveBatchDeploymentRefs(tx, workspaceId, {
        model: input.model,
        environment: environmentRef,
        compute: input.compute,
      });
      const deployment = await tx.batchDeployment.create({
        data: {
          endpointId: endpoint.id,
          name: input.name,
          description: input.description ?? "",
          modelVersionId: model!.version.id,
          modelRef: input.model,
          environmentVersionId: environment!.version.id,
          environmentRef,
          compute: input.compute,
          scoringScript: input.scoringScript,
          codeArchive: archive,
          codeFileCount: files.length,
          codeBytes: files.reduce((n, f) => n + f.content.length, 0),
          miniBatchSize: input.miniBatchSize,
          instanceCount: input.instanceCount,
          maxConcurrencyPerInstance: input.maxConcurrencyPerInstance,
          maxRetries: input.maxRetries,
          timeoutS: input.timeoutS,
          errorThreshold: input.errorThreshold,
          outputAction: input.outputAction,
          outputFileName: input.outputFileName,
          createdById: actor.userId,
        },
        include: DEPLOYMENT_INCLUDE,
      });
      const isDefault = input.isDefault === true || endpoint.defaultDeploymentId === null;
      if (isDefault)
        await tx.batchEndpoint.update({ where: { id: endpoint.id }, data: { defaultDeploymentId: deployment.id } });
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: "batchDeployment.create",
        targetType: "batchEndpoint",
        targetId: endpoint.id,
        details: {
          endpoint: endpoint.name,
          deployment: deployment.name,
          model: `${model!.model.name}:${model!.version.version}`,
          isDefault,
        },
      });
      return batchDeploymentView(deployment, isDefault ? deployment.id : endpoint.defaultDeploymentId);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `Batch endpoint '${input.endpointName}' already has a deployment '${input.name}'`);
    throw error;
  }
}
