import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { findBatchDeployment } from "./find-batch-deployment";

export async function setDefaultBatchDeployment(
  actor: TActor,
  workspaceId: string,
  endpointName: string,
  name: string,
) {
  await db().$transaction(async (tx) => {
    const { endpoint, deployment } = await findBatchDeployment(workspaceId, endpointName, name, tx);
    await tx.batchEndpoint.update({ where: { id: endpoint.id }, data: { defaultDeploymentId: deployment.id } });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "batchEndpoint.setDefault",
      targetType: "batchEndpoint",
      targetId: endpoint.id,
      details: { endpoint: endpoint.name, deployment: name },
    });
  });
}
