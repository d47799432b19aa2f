import { z } from "zod";
import { ZExportFormat } from "../../services/labeling/export-formats";
import { LABELING_TASK_TYPES, ZLabelingProjectName } from "../../services/labeling/labeling-input";
import { ZLabelingAnnotationView, ZLabelingItemView } from "../../services/labeling/labeling-item-view";
import { ZStatusCounts } from "../../services/labeling/labeling-project-view";
import { ZLabelingResult } from "../../services/labeling/labeling-result";

export const ZProjectAddress = z.object({ name: ZLabelingProjectName });

const ZItemStatus = z.enum(["todo", "inProgress", "needsReview", "done", "broken"]);
const ZAnnotationState = ZLabelingAnnotationView.shape.state;

export const ZProjectSummary = z.object({
  name: z.string(),
  description: z.string(),
  taskType: z.enum(LABELING_TASK_TYPES),
  labels: z.array(z.object({ name: z.string(), color: z.string(), hotkey: z.string().nullable() })),
  dataAssetName: z.string(),
  overlap: z.number(),
  createdAt: z.date(),
  counts: ZStatusCounts,
});

export const ZNextItemInput = ZProjectAddress.extend({ exclude: z.array(z.string()).max(10).optional() });

export const ZSubmitInput = ZProjectAddress.extend({
  itemId: z.string().min(1),
  result: z.unknown(),
  revision: z.number().int().optional(),
});

export const ZSkipInput = ZProjectAddress.extend({
  itemId: z.string().min(1),
  reason: z.string().trim().min(1).max(1000),
});

export const ZReviewInput = ZProjectAddress.extend({
  annotationId: z.string().min(1),
  decision: z.enum(["accept", "reject"]),
  comment: z.string().max(5000).optional(),
  revision: z.number().int().optional(),
});

export const ZAssignInput = ZProjectAddress.extend({
  email: z.string().trim().email(),
  count: z.number().int().min(1).max(10_000).optional(),
  itemIds: z.array(z.string()).min(1).max(10_000).optional(),
});

export const ZItemsInput = ZProjectAddress.extend({
  status: ZItemStatus.optional(),
  /** The `nextSeq` of the previous page: items after it (a cursor, as infinite lists take it). */
  cursor: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const ZItemsPage = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      seq: z.number(),
      key: z.string(),
      status: ZItemStatus,
      error: z.string().nullable(),
      annotations: z.array(z.object({ state: ZAnnotationState, email: z.string() })),
    }),
  ),
  nextSeq: z.number().nullable(),
});

export const ZItemDetail = z.object({
  item: ZLabelingItemView,
  annotations: z.array(ZLabelingAnnotationView.extend({ email: z.string() })),
  agreement: z.number().nullable(),
  consensus: z.object({ result: ZLabelingResult, support: z.number() }).nullable(),
  history: z.array(
    z.object({
      kind: z.string(),
      email: z.string().nullable(),
      result: ZLabelingResult.nullable(),
      comment: z.string().nullable(),
      at: z.date(),
    }),
  ),
});

export const ZDashboard = z.object({
  counts: ZStatusCounts,
  people: z.array(
    z.object({
      email: z.string(),
      submitted: z.number(),
      accepted: z.number(),
      rejected: z.number(),
      skipped: z.number(),
      open: z.number(),
      agreement: z.number().nullable(),
    }),
  ),
  throughput: z.array(z.object({ email: z.string(), day: z.date(), submitted: z.number() })),
  labels: z.array(z.object({ name: z.string(), color: z.string(), count: z.number() })),
  agreement: z.object({ mean: z.number().nullable(), items: z.number() }),
});

export const ZExportInput = ZProjectAddress.extend({
  format: ZExportFormat,
  assetName: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "Use letters, digits, '.', '_' and '-', starting with a letter or digit")
    .max(255)
    .optional(),
});

export const ZExportView = z.object({
  id: z.string(),
  format: z.string(),
  assetName: z.string(),
  status: z.enum(["queued", "running", "done", "failed"]),
  done: z.number(),
  total: z.number(),
  dataVersion: z.number().nullable(),
  error: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});
