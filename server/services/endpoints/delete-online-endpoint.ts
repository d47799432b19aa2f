import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { notifyEndpointsChanged } from "../../database/notifications";
import { db } from "../../db";
import { findOnlineEndpoint } from "./find-online-endpoint";

/** Deletes an endpoint with its deployments; the worker removes their containers when it next looks. */
export async function deleteOnlineEndpoint(actor: TActor, workspaceId: string, name: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const endpoint = await findOnlineEndpoint(workspaceId, name, tx);
    await tx.onlineEndpoint.delete({ where: { id: endpoint.id } });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "endpoint.delete",
      targetType: "onlineEndpoint",
      targetId: endpoint.id,
      details: { name },
    });
    await notifyEndpointsChanged(tx);
  });
}
