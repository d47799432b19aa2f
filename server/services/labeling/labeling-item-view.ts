import { z } from "zod";
import { db } from "../../db";
import type { LabelingAnnotation, LabelingItem } from "../../generated/prisma/client";
import { IMAGE_TASKS, type TLabelingTaskType } from "./labeling-input";
import { ZLabelingResult, type TLabelingResult } from "./labeling-result";

export const ZLabelingAnnotationView = z.object({
  id: z.string(),
  state: z.enum(["assigned", "leased", "submitted", "skipped", "accepted", "rejected"]),
  result: ZLabelingResult.nullable(),
  revision: z.number(),
  skipReason: z.string().nullable(),
  reviewComment: z.string().nullable(),
  leaseExpiresAt: z.date().nullable(),
  submittedAt: z.date().nullable(),
});

export const ZLabelingItemView = z.object({
  id: z.string(),
  key: z.string(),
  path: z.string(),
  kind: z.enum(["image", "text"]),
  /** Images are streamed from the datastore by this URL, never inlined. */
  mediaUrl: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  text: z.string().nullable(),
  status: z.enum(["todo", "inProgress", "needsReview", "done", "broken"]),
  error: z.string().nullable(),
  /** The viewer's own work on it. */
  annotation: ZLabelingAnnotationView.nullable(),
  /** ML assist's suggestions: shown, never counted as labels. */
  predictions: z.array(z.object({ source: z.string(), result: ZLabelingResult, score: z.number().nullable() })),
});
export type TLabelingItemView = z.infer<typeof ZLabelingItemView>;

export function annotationView(a: LabelingAnnotation): z.infer<typeof ZLabelingAnnotationView> {
  return {
    id: a.id,
    state: a.state,
    result: (a.result as TLabelingResult | null) ?? null,
    revision: a.revision,
    skipReason: a.skipReason,
    reviewComment: a.reviewComment,
    leaseExpiresAt: a.leaseExpiresAt,
    submittedAt: a.submittedAt,
  };
}

export async function labelingItemView(
  project: { workspaceId: string; name: string; taskType: TLabelingTaskType },
  item: LabelingItem,
  annotation: LabelingAnnotation | null,
): Promise<TLabelingItemView> {
  const isImage = IMAGE_TASKS.includes(project.taskType);
  const predictions = await db().labelingPrediction.findMany({
    where: { itemId: item.id, error: null },
    orderBy: { source: "asc" },
  });
  return {
    id: item.id,
    key: item.key,
    path: item.path,
    kind: isImage ? "image" : "text",
    mediaUrl: isImage
      ? `/api/v1/workspaces/${project.workspaceId}/labeling/${encodeURIComponent(project.name)}/items/${item.id}/media`
      : null,
    width: item.width,
    height: item.height,
    text: item.text,
    status: item.status,
    error: item.error,
    annotation: annotation ? annotationView(annotation) : null,
    predictions: predictions.map((p) => ({ source: p.source, result: p.result as TLabelingResult, score: p.score })),
  };
}
