import { randomUUID } from "node:crypto";
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

/** An item row as raw SQL returns it, with the annotation's columns prefixed `a_`. */
type TRow = LabelingItem & {
  a_id: string;
  a_state: LabelingAnnotation["state"];
  a_result: LabelingAnnotation["result"];
  a_skipReason: string | null;
  a_leaseExpiresAt: Date | null;
  a_assignedById: string | null;
  a_reviewerId: string | null;
  a_reviewComment: string | null;
  a_submittedAt: Date | null;
  a_reviewedAt: Date | null;
  a_revision: number;
};

function taken(row: TRow | undefined, projectId: string, userId: string): TTaken | null {
  if (!row) return null;
  const {
    a_id,
    a_state,
    a_result,
    a_skipReason,
    a_leaseExpiresAt,
    a_assignedById,
    a_reviewerId,
    a_reviewComment,
    a_submittedAt,
    a_reviewedAt,
    a_revision,
    ...item
  } = row;
  return {
    item,
    annotation: {
      id: a_id,
      projectId,
      itemId: item.id,
      userId,
      state: a_state,
      result: a_result,
      skipReason: a_skipReason,
      leaseExpiresAt: a_leaseExpiresAt,
      assignedById: a_assignedById,
      reviewerId: a_reviewerId,
      reviewComment: a_reviewComment,
      submittedAt: a_submittedAt,
      reviewedAt: a_reviewedAt,
      revision: a_revision,
    },
  };
}

/** The caller's open work first in one statement: rejected, then assigned, then leased (renewed). */
async function ownOpenWork(projectId: string, userId: string, exclude: readonly string[]): Promise<TTaken | null> {
  const expires = new Date(Date.now() + LEASE_MS);
  const [row] = await db().$queryRaw<TRow[]>`
    WITH own AS (
      SELECT a.id FROM "LabelingAnnotation" a JOIN "LabelingItem" i ON i.id = a."itemId"
      WHERE a."projectId" = ${projectId} AND a."userId" = ${userId}
        AND a.state IN ('rejected', 'assigned', 'leased') AND i.status <> 'broken'
        AND a."itemId" <> ALL(${[...exclude]}::text[])
      ORDER BY CASE a.state WHEN 'rejected' THEN 0 WHEN 'assigned' THEN 1 ELSE 2 END, i.seq
      LIMIT 1),
    renewed AS (
      UPDATE "LabelingAnnotation" a
      SET "leaseExpiresAt" = CASE WHEN a.state = 'leased' THEN ${expires} ELSE a."leaseExpiresAt" END
      FROM own WHERE a.id = own.id RETURNING a.*)
    SELECT i.*, r.id AS a_id, r.state AS a_state, r.result AS a_result, r."skipReason" AS "a_skipReason",
      r."leaseExpiresAt" AS "a_leaseExpiresAt", r."assignedById" AS "a_assignedById", r."reviewerId" AS "a_reviewerId",
      r."reviewComment" AS "a_reviewComment", r."submittedAt" AS "a_submittedAt", r."reviewedAt" AS "a_reviewedAt",
      r.revision AS a_revision
    FROM renewed r JOIN "LabelingItem" i ON i.id = r."itemId"`;
  return taken(row, projectId, userId);
}

/**
 * Leases the first item in queue order that still wants labels and that the caller has not worked
 * on, in one statement: the pick (`FOR UPDATE SKIP LOCKED`), the lease and the item's place taken
 * land together, with no round trips between them.
 */
async function leaseNewItem(
  project: TLabelingProjectRow,
  userId: string,
  exclude: readonly string[],
): Promise<TTaken | null> {
  const expires = new Date(Date.now() + LEASE_MS);
  const [row] = await db().$queryRaw<TRow[]>`
    WITH pick AS (
      SELECT i.id FROM "LabelingItem" i
      WHERE i."projectId" = ${project.id} AND i.filled < ${project.overlap} AND i.status <> 'broken'
        AND i.id <> ALL(${[...exclude]}::text[])
        AND NOT EXISTS (SELECT 1 FROM "LabelingAnnotation" a WHERE a."itemId" = i.id AND a."userId" = ${userId})
      ORDER BY i.seq
      LIMIT 1
      FOR UPDATE SKIP LOCKED),
    lease AS (
      INSERT INTO "LabelingAnnotation" (id, "projectId", "itemId", "userId", state, "leaseExpiresAt", revision)
      SELECT ${randomUUID()}, ${project.id}, pick.id, ${userId}, 'leased', ${expires}, 0 FROM pick
      RETURNING *),
    bumped AS (
      UPDATE "LabelingItem" i SET filled = i.filled + 1 FROM lease WHERE i.id = lease."itemId" RETURNING i.*)
    SELECT b.*, l.id AS a_id, l.state AS a_state, l.result AS a_result, l."skipReason" AS "a_skipReason",
      l."leaseExpiresAt" AS "a_leaseExpiresAt", l."assignedById" AS "a_assignedById", l."reviewerId" AS "a_reviewerId",
      l."reviewComment" AS "a_reviewComment", l."submittedAt" AS "a_submittedAt", l."reviewedAt" AS "a_reviewedAt",
      l.revision AS a_revision
    FROM bumped b JOIN lease l ON l."itemId" = b.id`;
  return taken(row, project.id, userId);
}
