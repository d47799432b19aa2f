import { db } from "../../db";
import { refreshItemStatus } from "./refresh-item-status";

/** How long an item handed out from the queue stays the labeler's; opening it again renews it. */
export const LEASE_MS = 15 * 60 * 1000;

/** Gives the places of leases nobody submitted in time back to the queue. */
export async function releaseExpiredLeases(project: { id: string; overlap: number }): Promise<void> {
  await db().$transaction(async (tx) => {
    const expired = await tx.labelingAnnotation.findMany({
      where: { projectId: project.id, state: "leased", leaseExpiresAt: { lt: new Date() } },
      select: { id: true, itemId: true },
      take: 1000,
    });
    if (expired.length === 0) return;
    await tx.labelingAnnotation.deleteMany({ where: { id: { in: expired.map((e) => e.id) }, state: "leased" } });
    await refreshItemStatus(
      tx,
      expired.map((e) => e.itemId),
      project.overlap,
    );
  });
}
