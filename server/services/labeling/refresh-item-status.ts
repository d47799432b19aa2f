import type { Prisma } from "../../generated/prisma/client";

/**
 * Recomputes items' places taken and status from their annotations, inside the caller's
 * transaction: counting beats keeping counters right through leases that expire, skips and rejects.
 */
export async function refreshItemStatus(tx: Prisma.TransactionClient, itemIds: readonly string[], overlap: number) {
  if (itemIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE "LabelingItem" i SET
      filled = c.filled,
      status = (CASE
        WHEN i.status = 'broken' THEN 'broken'
        WHEN c.accepted >= ${overlap} THEN 'done'
        WHEN c.accepted + c.submitted >= ${overlap} THEN 'needsReview'
        WHEN c.accepted + c.submitted + c.rejected > 0 THEN 'inProgress'
        ELSE 'todo' END)::"LabelingItemStatus"
    FROM (
      SELECT ids.id,
        count(a.id) FILTER (WHERE a.state <> 'skipped')::int AS filled,
        count(a.id) FILTER (WHERE a.state = 'accepted')::int AS accepted,
        count(a.id) FILTER (WHERE a.state = 'submitted')::int AS submitted,
        count(a.id) FILTER (WHERE a.state = 'rejected')::int AS rejected
      FROM unnest(${[...itemIds]}::text[]) AS ids(id)
      LEFT JOIN "LabelingAnnotation" a ON a."itemId" = ids.id
      GROUP BY ids.id
    ) c
    WHERE i.id = c.id`;
}
