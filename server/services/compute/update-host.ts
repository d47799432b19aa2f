import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { THostUpdate } from "./compute-inputs";

/** Labels, limits, network mode, who RUN lines run as, job defaults, and draining (finish running work, take none). */
export async function updateHost(actor: TActor, hostId: string, input: THostUpdate) {
  return db().$transaction(async (tx) => {
    const found = await tx.computeHost.findUnique({ where: { id: hostId } });
    if (!found) throw new AppError("NOT_FOUND", "Host not found");
    const { defaultMemoryBytes, ...rest } = input;
    const host = await tx.computeHost.update({
      where: { id: hostId },
      data: {
        ...rest,
        ...(defaultMemoryBytes === undefined ? {} : { defaultMemoryBytes: BigInt(defaultMemoryBytes) }),
      },
    });
    await recordAuditEvent(tx, actor, {
      workspaceId: null,
      action: "compute.host.update",
      targetType: "computeHost",
      targetId: hostId,
      details: { name: found.name, ...input },
    });
    return host;
  });
}
