import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { TLabelingProjectRow } from "./find-labeling-project";
import { refreshItemStatus } from "./refresh-item-status";

export type TAssignment = { email: string; count?: number; itemIds?: string[] };

/**
 * A manager hands a member items to label: the given ones, or the next `count` in queue order that
 * still want labels and that the member has not worked on. Assigned items come first in the
 * member's queue and are nobody else's place in the overlap. Returns how many were assigned.
 */
export async function assignLabelingItems(actor: TActor, project: TLabelingProjectRow, input: TAssignment) {
  const member = await db().membership.findFirst({
    where: { workspaceId: project.workspaceId, user: { email: input.email.toLowerCase() } },
    select: { userId: true },
  });
  if (!member) throw new AppError("NOT_FOUND", `${input.email} is not a member of this workspace`);
  if (!input.itemIds && !input.count) throw new AppError("BAD_REQUEST", "Give a count or the items to assign");
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT i.id FROM "LabelingItem" i
      WHERE i."projectId" = ${project.id} AND i.filled < ${project.overlap} AND i.status <> 'broken'
        AND (${input.itemIds ?? null}::text[] IS NULL OR i.id = ANY(${input.itemIds ?? null}::text[]))
        AND NOT EXISTS (SELECT 1 FROM "LabelingAnnotation" a WHERE a."itemId" = i.id AND a."userId" = ${member.userId})
      ORDER BY i.seq
      LIMIT ${input.itemIds ? input.itemIds.length : input.count!}
      FOR UPDATE SKIP LOCKED`;
    if (input.itemIds && rows.length < input.itemIds.length)
      throw new AppError(
        "CONFLICT",
        `${input.itemIds.length - rows.length} of these items are full, broken, being handed out, or already this member's`,
      );
    const ids = rows.map((r) => r.id);
    await tx.labelingAnnotation.createMany({
      data: ids.map((itemId) => ({
        projectId: project.id,
        itemId,
        userId: member.userId,
        state: "assigned" as const,
        assignedById: actor.userId,
      })),
    });
    await tx.labelingEvent.createMany({
      data: ids.map((itemId) => ({
        projectId: project.id,
        itemId,
        userId: actor.userId,
        kind: "assign",
        comment: input.email,
      })),
    });
    await refreshItemStatus(tx, ids, project.overlap);
    await recordAuditEvent(tx, actor, {
      workspaceId: project.workspaceId,
      action: "labeling.items.assign",
      targetType: "labelingProject",
      targetId: project.id,
      details: { name: project.name, to: input.email, count: ids.length },
    });
    return { assigned: ids.length };
  });
}
