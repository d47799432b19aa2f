import { db } from "../../db";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import type { TLabelingProjectRow } from "./find-labeling-project";
import { annotationView } from "./labeling-item-view";
import { checkLabelingResult } from "./labeling-result";
import { refreshItemStatus } from "./refresh-item-status";

export type TSubmission = { itemId: string; result: unknown; revision?: number };

/**
 * Saves the caller's labels for an item they hold (handed out, assigned, rejected, or submitted and
 * not yet reviewed). Every submission is kept in the item's history. A submission for an item the
 * caller no longer holds (their lease expired and its place went to someone else), or one made
 * against an older revision, is refused with CONFLICT and still recorded, so nothing typed is lost.
 */
export async function submitLabelingItem(project: TLabelingProjectRow, userId: string, input: TSubmission) {
  const item = await db().labelingItem.findFirst({ where: { id: input.itemId, projectId: project.id } });
  if (!item) throw new AppError("NOT_FOUND", "No such item in this project");
  const result = checkLabelingResult(project, item, input.result);
  const refused = async (message: string): Promise<never> => {
    await db().labelingEvent.create({
      data: { projectId: project.id, itemId: item.id, userId, kind: "refused", result, comment: message },
    });
    throw new AppError("CONFLICT", message);
  };
  try {
    return await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM "LabelingItem" WHERE id = ${item.id} FOR UPDATE`;
      const own = await tx.labelingAnnotation.findUnique({ where: { itemId_userId: { itemId: item.id, userId } } });
      if (own?.state === "accepted") throw new Refusal("Your labels for this item were accepted already");
      if (own?.state === "skipped") throw new Refusal("You skipped this item");
      if (own && input.revision !== undefined && own.revision !== input.revision)
        throw new Refusal("This item changed since you opened it (it was reviewed or reassigned); reopen it");
      if (!own) {
        // The lease expired: the place is theirs again only if nobody took it meanwhile.
        const holders = await tx.labelingAnnotation.count({ where: { itemId: item.id, state: { not: "skipped" } } });
        if (holders >= project.overlap)
          throw new Refusal(
            "Your time on this item ran out and someone else has it now; your labels are kept in its history",
          );
      }
      const data = {
        state: "submitted" as const,
        result: result as Prisma.InputJsonObject,
        submittedAt: new Date(),
        leaseExpiresAt: null,
      };
      const saved = own
        ? await tx.labelingAnnotation.update({ where: { id: own.id }, data: { ...data, revision: { increment: 1 } } })
        : await tx.labelingAnnotation.create({ data: { ...data, projectId: project.id, itemId: item.id, userId } });
      await tx.labelingEvent.create({
        data: {
          projectId: project.id,
          itemId: item.id,
          annotationId: saved.id,
          userId,
          kind: "submit",
          result: data.result,
        },
      });
      await refreshItemStatus(tx, [item.id], project.overlap);
      return annotationView(saved);
    });
  } catch (error) {
    if (error instanceof Refusal) return refused(error.message);
    throw error;
  }
}

class Refusal extends Error {}
