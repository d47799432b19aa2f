import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { notifyEndpointsChanged } from "../../database/notifications";
import { db } from "../../db";
import { assertTraffic } from "./assert-traffic";
import type { TTrafficMap } from "./endpoint-input";
import { findOnlineEndpoint } from "./find-online-endpoint";
import { getOnlineEndpoint } from "./get-online-endpoint";

/**
 * Changes the description, auth mode, traffic or mirror traffic. The endpoint's row is locked so
 * two changes of traffic, or one racing a deployment's deletion, apply one after the other.
 */
export async function updateOnlineEndpoint(
  actor: TActor,
  workspaceId: string,
  name: string,
  input: { description?: string; authMode?: "key" | "token"; traffic?: TTrafficMap; mirrorTraffic?: TTrafficMap },
) {
  return db().$transaction(async (tx) => {
    const endpoint = await findOnlineEndpoint(workspaceId, name, tx);
    await tx.$executeRaw`SELECT 1 FROM "OnlineEndpoint" WHERE "id" = ${endpoint.id} FOR UPDATE`;
    const deployments = await tx.onlineDeployment.findMany({
      where: { endpointId: endpoint.id },
      select: { name: true },
    });
    const traffic = input.traffic ?? (endpoint.traffic as TTrafficMap);
    const mirrorTraffic = input.mirrorTraffic ?? (endpoint.mirrorTraffic as TTrafficMap);
    assertTraffic(
      traffic,
      mirrorTraffic,
      deployments.map((d) => d.name),
    );
    await tx.onlineEndpoint.update({
      where: { id: endpoint.id },
      data: {
        description: input.description,
        authMode: input.authMode,
        traffic: input.traffic,
        mirrorTraffic: input.mirrorTraffic,
      },
    });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "endpoint.update",
      targetType: "onlineEndpoint",
      targetId: endpoint.id,
      details: {
        name,
        ...(input.description === undefined ? {} : { description: true }),
        ...(input.authMode ? { authMode: input.authMode } : {}),
        ...(input.traffic ? { traffic: input.traffic } : {}),
        ...(input.mirrorTraffic ? { mirrorTraffic: input.mirrorTraffic } : {}),
      },
    });
    await notifyEndpointsChanged(tx);
    return getOnlineEndpoint(workspaceId, name, tx);
  });
}
