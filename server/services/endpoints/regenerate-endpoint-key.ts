import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { notifyEndpointsChanged } from "../../database/notifications";
import { db } from "../../db";
import { sealSecret } from "../../secrets/secret-box";
import { newEndpointKey } from "./endpoint-key";
import { findOnlineEndpoint } from "./find-online-endpoint";

/** Replaces one key; the other keeps working, so clients rotate without downtime. */
export async function regenerateEndpointKey(
  actor: TActor,
  workspaceId: string,
  name: string,
  keyType: "primary" | "secondary",
): Promise<void> {
  await db().$transaction(async (tx) => {
    const endpoint = await findOnlineEndpoint(workspaceId, name, tx);
    const sealed = sealSecret(newEndpointKey());
    await tx.onlineEndpoint.update({
      where: { id: endpoint.id },
      data: keyType === "primary" ? { primaryKeySealed: sealed } : { secondaryKeySealed: sealed },
    });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "endpoint.key.regenerate",
      targetType: "onlineEndpoint",
      targetId: endpoint.id,
      details: { name, keyType },
    });
    await notifyEndpointsChanged(tx);
  });
}
