import { db } from "../../db";

/** How long an item handed out from the queue stays the labeler's; opening it again renews it. */
export const LEASE_MS = 15 * 60 * 1000;

/**
 * Gives the places of leases nobody submitted in time back to the queue, in one statement: when
 * nothing has expired, which is nearly always, it is one index probe.
 */
export async function releaseExpiredLeases(project: { id: string }): Promise<void> {
  await db().$executeRaw`
    WITH expired AS (
      DELETE FROM "LabelingAnnotation"
      WHERE "projectId" = ${project.id} AND state = 'leased' AND "leaseExpiresAt" < now()
      RETURNING "itemId"),
    counted AS (SELECT "itemId", count(*)::int AS n FROM expired GROUP BY "itemId")
    UPDATE "LabelingItem" i SET filled = greatest(0, i.filled - counted.n)
    FROM counted WHERE i.id = counted."itemId"`;
}
