import { db } from "../../db";
import type { LabelingAnnotation, LabelingItem } from "../../generated/prisma/client";
import type { TLabelingProjectRow } from "./find-labeling-project";
import { labelingItemView, type TLabelingItemView } from "./labeling-item-view";
import { prepareLabelingItem } from "./prepare-labeling-item";
import { refreshItemStatus } from "./refresh-item-status";
import { LEASE_MS, releaseExpiredLeases } from "./release-expired-leases";

/** Broken items passed by in one call before answering with what is left, so one call stays short. */
const MAX_BROKEN_SKIPPED = 20;

/**
 * The caller's next item: first their own open work (rejected items with the reviewer's comment,
 * then items a manager assigned them, then their unexpired leases), else the first item in queue
 * order that still wants labels and that they have not worked on, leased to them for 15 minutes.
 * `SKIP LOCKED` hands two people asking at once two different items. `exclude` lets the labeling page
 * fetch the item after the one on screen. Null when nothing is left for them.
 */
export async function nextLabelingItem(
  project: TLabelingProjectRow,
  userId: string,
  exclude: readonly string[] = [],
): Promise<TLabelingItemView | null> {
  await releaseExpiredLeases(project);
  for (let attempt = 0; attempt <= MAX_BROKEN_SKIPPED; attempt++) {
    const taken = (await ownOpenWork(project.id, userId, exclude)) ?? (await leaseNewItem(project, userId, exclude));
    if (!taken) return null;
    const item = await prepareLabelingItem(project.workspaceId, project.taskType, taken.item);
    if (item.status !== "broken") return labelingItemView(project, item, taken.annotation);
    await db().$transaction(async (tx) => {
      await tx.labelingAnnotation.deleteMany({ where: { itemId: item.id, state: { in: ["leased", "assigned"] } } });
      await refreshItemStatus(tx, [item.id], project.overlap);
    });
  }
  return null;
}

type TTaken = { item: LabelingItem; annotation: LabelingAnnotation };

async function ownOpenWork(projectId: string, userId: string, exclude: readonly string[]): Promise<TTaken | null> {
  for (const state of ["rejected", "assigned", "leased"] as const) {
    const annotation = await db().labelingAnnotation.findFirst({
      where: { projectId, userId, state, itemId: { notIn: [...exclude] }, item: { status: { not: "broken" } } },
      orderBy: { item: { seq: "asc" } },
      include: { item: true },
    });
    if (!annotation) continue;
    const { item, ...own } = annotation;
    if (state !== "leased") return { item, annotation: own };
    const renewed = await db().labelingAnnotation.update({
      where: { id: own.id },
      data: { leaseExpiresAt: new Date(Date.now() + LEASE_MS) },
    });
    return { item, annotation: renewed };
  }
  return null;
}

async function leaseNewItem(project: TLabelingProjectRow, userId: string, exclude: readonly string[]): Promise<TTaken | null> {
  return db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      SELECT i.id FROM "LabelingItem" i
      WHERE i."projectId" = ${project.id} AND i.filled < ${project.overlap} AND i.status <> 'broken'
        AND i.id <> ALL(${[...exclude]}::text[])
        AND NOT EXISTS (SELECT 1 FROM "LabelingAnnotation" a WHERE a."itemId" = i.id AND a."userId" = ${userId})
      ORDER BY i.seq
      LIMIT 1
      FOR UPDATE SKIP LOCKED`;
    if (!row) return null;
    const annotation = await tx.labelingAnnotation.create({
      data: {
        projectId: project.id,
        itemId: row.id,
        userId,
        state: "leased",
        leaseExpiresAt: new Date(Date.now() + LEASE_MS),
      },
    });
    await refreshItemStatus(tx, [row.id], project.overlap);
    const item = await tx.labelingItem.findUniqueOrThrow({ where: { id: row.id } });
    return { item, annotation };
  });
}
