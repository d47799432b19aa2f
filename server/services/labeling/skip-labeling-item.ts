import { db } from "../../db";
import { AppError } from "../../errors";
import type { TLabelingProjectRow } from "./find-labeling-project";
import { annotationView } from "./labeling-item-view";
import { refreshItemStatus } from "./refresh-item-status";

/** The caller passes on an item they hold, saying why; it goes back to the queue for others. */
export async function skipLabelingItem(project: TLabelingProjectRow, userId: string, itemId: string, reason: string) {
  return db().$transaction(async (tx) => {
    const own = await tx.labelingAnnotation.findFirst({ where: { itemId, userId, projectId: project.id } });
    if (!own) throw new AppError("NOT_FOUND", "You do not hold this item");
    if (own.state === "accepted" || own.state === "skipped")
      throw new AppError("CONFLICT", `This item is ${own.state} already`);
    const saved = await tx.labelingAnnotation.update({
      where: { id: own.id },
      data: { state: "skipped", skipReason: reason, leaseExpiresAt: null, revision: { increment: 1 } },
    });
    await tx.labelingEvent.create({
      data: { projectId: project.id, itemId, annotationId: own.id, userId, kind: "skip", comment: reason },
    });
    await refreshItemStatus(tx, [itemId], project.overlap);
    return annotationView(saved);
  });
}
