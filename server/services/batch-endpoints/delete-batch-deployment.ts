import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { findBatchDeployment } from "./find-batch-deployment";

/**
 * Deletes a deployment. The default one goes only when it is the last: invocations naming no
 * deployment must not silently find none, so another is made the default first.
 */
export async function deleteBatchDeployment(actor: TActor, workspaceId: string, endpointName: string, name: string) {
  await db().$transaction(async (tx) => {
    const { endpoint, deployment } = await findBatchDeployment(workspaceId, endpointName, name, tx);
    if (endpoint.defaultDeploymentId === deployment.id) {
      const others = await tx.batchDeployment.count({ where: { endpointId: endpoint.id, id: { not: deployment.id } } });
      if (others > 0)
        throw new AppError(
          "CONFLICT",
          `'${name}' is the default deployment of '${endpointName}'; make another the default first`,
        );
    }
    await tx.batchDeployment.delete({ where: { id: deployment.id } });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "batchDeployment.delete",
      targetType: "batchEndpoint",
      targetId: endpoint.id,
      details: { endpoint: endpoint.name, deployment: name },
    });
  });
}
