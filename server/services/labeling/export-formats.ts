import { z } from "zod";
import type { TLabelingTaskType } from "./labeling-input";
import type { TLabelingResult } from "./labeling-result";

export const ZExportFormat = z.enum(["coco", "csv", "jsonl"]);
export type TExportFormat = z.infer<typeof ZExportFormat>;

/** What each task can be written as: COCO for regions, CSV or JSONL for classes, JSONL spans for entities. */
export const EXPORT_FORMATS: Record<TLabelingTaskType, TExportFormat[]> = {
  imageClassification: ["csv", "jsonl"],
  textClassification: ["csv", "jsonl"],
  objectDetection: ["coco", "jsonl"],
  instanceSegmentation: ["coco", "jsonl"],
  textEntities: ["jsonl"],
};

export type TExportItem = {
  key: string;
  path: string;
  text: string | null;
  width: number | null;
  height: number | null;
  result: TLabelingResult;
};

export const EXPORT_FILE_NAMES: Record<TExportFormat, string> = {
  coco: "annotations.json",
  csv: "labels.csv",
  jsonl: "labels.jsonl",
};

/**
 * The file an export writes. COCO: images by path with their size, categories in the project's
 * label order (ids from 1), `bbox` as [x, y, width, height] in pixels, polygons as flat
 * `segmentation` lists with their shoelace area. CSV: `item,path,labels[,text]` with several labels
 * joined by `;`. JSONL: one object per item with its labels, boxes, polygons or spans (each span with
 * its text).
 */
export function exportContent(
  task: TLabelingTaskType,
  labels: readonly string[],
  format: TExportFormat,
  items: readonly TExportItem[],
): string {
  if (format === "coco") return coco(task, labels, items);
  if (format === "csv") return csv(items);
  return items.map((item) => JSON.stringify(jsonLine(task, item))).join("\n") + (items.length ? "\n" : "");
}

function coco(task: TLabelingTaskType, labels: readonly string[], items: readonly TExportItem[]): string {
  const categoryId = new Map(labels.map((name, i) => [name, i + 1]));
  const annotations: object[] = [];
  items.forEach((item, index) => {
    const imageId = index + 1;
    if (task === "objectDetection") {
      for (const b of item.result.boxes ?? [])
        annotations.push({
          id: annotations.length + 1,
          image_id: imageId,
          category_id: categoryId.get(b.label),
          bbox: [b.x, b.y, b.width, b.height],
          area: b.width * b.height,
          iscrowd: 0,
        });
    } else {
      for (const p of item.result.polygons ?? []) {
        const xs = p.points.map((pt) => pt[0]);
        const ys = p.points.map((pt) => pt[1]);
        const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
        annotations.push({
          id: annotations.length + 1,
          image_id: imageId,
          category_id: categoryId.get(p.label),
          segmentation: [p.points.flat()],
          bbox: [x0, y0, Math.max(...xs) - x0, Math.max(...ys) - y0],
          area: shoelace(p.points),
          iscrowd: 0,
        });
      }
    }
  });
  return JSON.stringify({
    info: { description: "Exported by Crucible", date_created: new Date().toISOString() },
    images: items.map((item, index) => ({
      id: index + 1,
      file_name: item.path,
      width: item.width,
      height: item.height,
    })),
    categories: labels.map((name, i) => ({ id: i + 1, name, supercategory: "" })),
    annotations,
  });
}

function shoelace(points: readonly (readonly [number, number])[]): number {
  let sum = 0;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++)
    sum += (points[j]![0] + points[i]![0]) * (points[j]![1] - points[i]![1]);
  return Math.abs(sum) / 2;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csv(items: readonly TExportItem[]): string {
  const withText = items.some((i) => i.text !== null && i.key.includes("#"));
  const header = ["item", "path", "labels", ...(withText ? ["text"] : [])];
  const lines = items.map((item) =>
    [item.key, item.path, (item.result.labels ?? []).join(";"), ...(withText ? [item.text ?? ""] : [])]
      .map(csvField)
      .join(","),
  );
  return [header.join(","), ...lines].join("\n") + "\n";
}

function jsonLine(task: TLabelingTaskType, item: TExportItem): object {
  const base = { item: item.key, path: item.path };
  switch (task) {
    case "imageClassification":
    case "textClassification":
      return { ...base, ...(item.text !== null ? { text: item.text } : {}), labels: item.result.labels ?? [] };
    case "objectDetection":
      return { ...base, width: item.width, height: item.height, boxes: item.result.boxes ?? [] };
    case "instanceSegmentation":
      return { ...base, width: item.width, height: item.height, polygons: item.result.polygons ?? [] };
    case "textEntities":
      return {
        ...base,
        text: item.text,
        spans: (item.result.spans ?? []).map((s) => ({ ...s, text: item.text?.slice(s.start, s.end) ?? "" })),
      };
  }
}
