import type { TLabelingTaskType } from "@/server/services/labeling/labeling-input";

export const TASK_TYPE_LABELS: Record<TLabelingTaskType, string> = {
  imageClassification: "Image classification",
  objectDetection: "Object detection (boxes)",
  instanceSegmentation: "Instance segmentation (polygons)",
  textClassification: "Text classification",
  textEntities: "Named entities (text spans)",
};

export const ITEM_STATUS_LABELS = {
  todo: "Not started",
  inProgress: "In progress",
  needsReview: "Needs review",
  done: "Done",
  broken: "Unreadable",
} as const;

export const ITEM_STATUS_COLORS = {
  todo: "#cbd5e1",
  inProgress: "#38bdf8",
  needsReview: "#f59e0b",
  done: "#16a34a",
  broken: "#dc2626",
} as const;

export type TItemStatus = keyof typeof ITEM_STATUS_LABELS;
export const ITEM_STATUSES = Object.keys(ITEM_STATUS_LABELS) as TItemStatus[];
