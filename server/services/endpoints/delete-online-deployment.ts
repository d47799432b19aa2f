import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { notifyEndpointsChanged } from "../../database/notifications";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { TTrafficMap } from "./endpoint-input";
import { findOnlineDeployment } from "./find-online-deployment";

/**
 * Deletes a deployment that takes no live traffic (a mirror share is dropped with it); its
 * containers go when the worker next looks.
 */
export async function deleteOnlineDeployment(
  actor: TActor,
  workspaceId: string,
  endpointName: string,
  name: string,
): Promise<void> {
  await db().$transaction(async (tx) => {
    const { endpoint, deployment } = await findOnlineDeployment(workspaceId, endpointName, name, tx);
    await tx.$executeRaw`SELECT 1 FROM "OnlineEndpoint" WHERE "id" = ${endpoint.id} FOR UPDATE`;
    const locked = await tx.onlineEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    const traffic = locked.traffic as TTrafficMap;
    if ((traffic[name] ?? 0) > 0)
      throw new AppError(
        "CONFLICT",
        `Deployment '${name}' takes ${traffic[name]} % of the traffic of '${endpointName}'; move its traffic first`,
      );
    const { [name]: _mirrored, ...mirrorTraffic } = locked.mirrorTraffic as TTrafficMap;
    const { [name]: _zero, ...rest } = traffic;
    await tx.onlineEndpoint.update({ where: { id: endpoint.id }, data: { mirrorTraffic, traffic: rest } });
    await tx.onlineDeployment.delete({ where: { id: deployment.id } });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "endpoint.deployment.delete",
      targetType: "onlineDeployment",
      targetId: deployment.id,
      details: { endpoint: endpointName, name },
    });
    await notifyEndpointsChanged(tx);
  });
}
