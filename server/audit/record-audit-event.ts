import type { Prisma } from "../generated/prisma/client";
import type { TAuditAction } from "./audit-actions";

export type TActor = { userId: string; email: string };

export type TAuditEvent = {
  /** Null for a site-level event (admins, hosts, site settings). */
  workspaceId: string | null;
  action: TAuditAction;
  targetType: string;
  targetId?: string | null;
  details?: Prisma.InputJsonObject;
};

/** Written inside the caller's transaction, so a change and its audit entry land together. */
export async function recordAuditEvent(tx: Prisma.TransactionClient, actor: TActor, event: TAuditEvent): Promise<void> {
  await tx.auditEvent.create({
    data: {
      workspaceId: event.workspaceId,
      actorId: actor.userId,
      actorEmail: actor.email,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      details: event.details ?? {},
    },
  });
}
