import type { TActor } from "../../audit/record-audit-event";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";
import { sealSecret } from "../../secrets/secret-box";
import type { THostInput } from "./compute-inputs";

export async function registerHost(workspaceId: string, actor: TActor, input: THostInput) {
  try {
    return await db().$transaction(async (tx) => {
      const host = await tx.computeHost.create({
        data: {
          workspaceId,
          name: input.name,
          endpoint: input.endpoint,
          labels: input.labels,
          maxConcurrentRuns: input.maxConcurrentRuns,
          networkMode: input.networkMode,
          tlsCa: input.tls?.ca ?? null,
          tlsCert: input.tls?.cert ?? null,
          tlsKeyEncrypted: input.tls ? sealSecret(input.tls.key) : null,
          sshKeyEncrypted: input.sshKey ? sealSecret(input.sshKey) : null,
          sshHostKey: input.sshHostKey ?? null,
        },
      });
      await recordAuditEvent(tx, actor, { workspaceId, action: "compute.host.register", targetType: "computeHost", targetId: host.id, details: { name: host.name, endpoint: host.endpoint } });
      return host;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `A host named '${input.name}' already exists`);
    throw error;
  }
}
