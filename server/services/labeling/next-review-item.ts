import { z } from "zod";
import { db } from "../../db";
import type { TLabelingProjectRow } from "./find-labeling-project";
import { labelingItemView, ZLabelingItemView } from "./labeling-item-view";

export const ZReviewItem = z.object({
  item: ZLabelingItemView,
  labeler: z.object({ id: z.string(), name: z.string(), email: z.string() }),
});

/**
 * The oldest submitted labels someone else made, with the item: what a reviewer accepts or rejects
 * next. A reviewer never reviews their own labels. `exclude` skips annotations already on screen.
 */
export async function nextReviewItem(
  project: TLabelingProjectRow,
  reviewerId: string,
  exclude: readonly string[] = [],
) {
  const annotation = await db().labelingAnnotation.findFirst({
    where: { projectId: project.id, state: "submitted", userId: { not: reviewerId }, id: { notIn: [...exclude] } },
    orderBy: { submittedAt: "asc" },
    include: { item: true },
  });
  if (!annotation) return null;
  const { item, ...own } = annotation;
  const user = await db().user.findUnique({ where: { id: own.userId }, select: { id: true, name: true, email: true } });
  return {
    item: await labelingItemView(project, item, own),
    labeler: user ?? { id: own.userId, name: "(removed user)", email: "" },
  };
}
