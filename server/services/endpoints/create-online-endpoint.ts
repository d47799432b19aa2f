import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { notifyEndpointsChanged } from "../../database/notifications";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";
import { sealSecret } from "../../secrets/secret-box";
import { newEndpointKey } from "./endpoint-key";
import { getOnlineEndpoint } from "./get-online-endpoint";

/** A new endpoint with two fresh keys and no deployment; traffic is set once deployments exist. */
export async function createOnlineEndpoint(
  actor: TActor,
  workspaceId: string,
  input: { name: string; description?: string; authMode?: "key" | "token" },
) {
  try {
    return await db().$transaction(async (tx) => {
      const endpoint = await tx.onlineEndpoint.create({
        data: {
          workspaceId,
          name: input.name,
          description: input.description ?? "",
          authMode: input.authMode ?? "key",
          primaryKeySealed: sealSecret(newEndpointKey()),
          secondaryKeySealed: sealSecret(newEndpointKey()),
          createdById: actor.userId,
        },
      });
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: "endpoint.create",
        targetType: "onlineEndpoint",
        targetId: endpoint.id,
        details: { name: endpoint.name, authMode: endpoint.authMode },
      });
      await notifyEndpointsChanged(tx);
      return getOnlineEndpoint(workspaceId, endpoint.name, tx);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `An online endpoint named '${input.name}' already exists in this workspace`);
    throw error;
  }
}
