import type { TActor } from "../../audit/record-audit-event";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { THostInput } from "./compute-inputs";

export type THostUpdate = Partial<Pick<THostInput, "labels" | "maxConcurrentRuns" | "networkMode">> & { isDraining?: boolean };

/** Labels, limits and draining (finish running work, take none). */
export async function updateHost(workspaceId: string, actor: TActor, hostId: string, input: THostUpdate) {
  return db().$transaction(async (tx) => {
    const found = await tx.computeHost.findFirst({ where: { id: hostId, workspaceId } });
    if (!found) throw new AppError("NOT_FOUND", "Host not found");
    const host = await tx.computeHost.update({ where: { id: hostId }, data: input });
    await recordAuditEvent(tx, actor, { workspaceId, action: "compute.host.update", targetType: "computeHost", targetId: hostId, details: input });
    return host;
  });
}
