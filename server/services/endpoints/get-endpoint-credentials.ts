import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { openSecret } from "../../secrets/secret-box";
import { findOnlineEndpoint } from "./find-online-endpoint";

/** The two keys, as `online-endpoint get-credentials` shows them; the read itself is audited, the keys are not. */
export async function getEndpointCredentials(actor: TActor, workspaceId: string, name: string) {
  return db().$transaction(async (tx) => {
    const endpoint = await findOnlineEndpoint(workspaceId, name, tx);
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "endpoint.credentials.read",
      targetType: "onlineEndpoint",
      targetId: endpoint.id,
      details: { name },
    });
    return {
      primaryKey: openSecret(endpoint.primaryKeySealed),
      secondaryKey: openSecret(endpoint.secondaryKeySealed),
    };
  });
}
