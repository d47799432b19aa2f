import { db } from "../../db";
import { AppError } from "../../errors";
import type { TLabelingProjectRow } from "./find-labeling-project";
import { annotationView } from "./labeling-item-view";
import { refreshItemStatus } from "./refresh-item-status";

export type TReview = { annotationId: string; decision: "accept" | "reject"; comment?: string; revision?: number };

/**
 * Accepts submitted labels, or rejects them with a comment: a rejected item goes back to the top of
 * its labeler's queue with the comment. Reviewing one's own labels, or labels changed since the
 * reviewer opened them, is refused.
 */
export async function reviewLabelingAnnotation(project: TLabelingProjectRow, reviewerId: string, input: TReview) {
  const comment = input.comment?.trim() ?? "";
  if (input.decision === "reject" && comment === "")
    throw new AppError("BAD_REQUEST", "comment: say what to fix when rejecting");
  return db().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "LabelingAnnotation" WHERE id = ${input.annotationId} AND "projectId" = ${project.id} FOR UPDATE`;
    if (!locked) throw new AppError("NOT_FOUND", "No such labels in this project");
    const annotation = await tx.labelingAnnotation.findUniqueOrThrow({ where: { id: input.annotationId } });
    if (annotation.userId === reviewerId)
      throw new AppError("FORBIDDEN", "Labels are reviewed by someone other than their labeler");
    if (annotation.state !== "submitted")
      throw new AppError("CONFLICT", `These labels are ${annotation.state}, not waiting for review`);
    if (input.revision !== undefined && annotation.revision !== input.revision)
      throw new AppError("CONFLICT", "The labeler changed these labels since you opened them; reopen them");
    const saved = await tx.labelingAnnotation.update({
      where: { id: annotation.id },
      data: {
        state: input.decision === "accept" ? "accepted" : "rejected",
        reviewerId,
        reviewComment: comment || null,
        reviewedAt: new Date(),
        revision: { increment: 1 },
      },
    });
    await tx.labelingEvent.create({
      data: {
        projectId: project.id,
        itemId: annotation.itemId,
        annotationId: annotation.id,
        userId: reviewerId,
        kind: input.decision,
        comment: comment || null,
      },
    });
    await refreshItemStatus(tx, [annotation.itemId], project.overlap);
    return annotationView(saved);
  });
}
