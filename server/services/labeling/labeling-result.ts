import { z } from "zod";
import { AppError } from "../../errors";
import { formatIssues } from "../../format-issues";
import type { TLabelingTaskType } from "./labeling-input";

const ZCoordinate = z.number().finite();
export const ZBox = z.object({
  label: z.string(),
  x: ZCoordinate,
  y: ZCoordinate,
  width: ZCoordinate.positive(),
  height: ZCoordinate.positive(),
});
export const ZPolygon = z.object({
  label: z.string(),
  points: z
    .array(z.tuple([ZCoordinate, ZCoordinate]))
    .min(3)
    .max(2000),
});
export const ZSpan = z.object({ label: z.string(), start: z.number().int().min(0), end: z.number().int().min(1) });

/** What a person (or a model's suggestion) says about one item, in the shape of the project's task. */
export const ZLabelingResult = z.object({
  labels: z.array(z.string()).max(200).optional(),
  boxes: z.array(ZBox).max(5000).optional(),
  polygons: z.array(ZPolygon).max(2000).optional(),
  spans: z.array(ZSpan).max(5000).optional(),
});
export type TLabelingResult = z.infer<typeof ZLabelingResult>;
export type TBox = z.infer<typeof ZBox>;
export type TPolygon = z.infer<typeof ZPolygon>;
export type TSpan = z.infer<typeof ZSpan>;

type TProjectShape = { taskType: TLabelingTaskType; multiLabel: boolean; labels: { name: string }[] };
type TItemShape = { width: number | null; height: number | null; text: string | null };

/** A pixel's slack at the image's edge, for tools that round. */
const EDGE = 0.5;

/**
 * The result checked against the project (its task's one field, known labels) and the item (boxes and
 * polygons inside the image, spans inside the text and not overlapping), in a canonical form: the field
 * the task uses and nothing else, spans sorted. Refusals name what is wrong.
 */
export function checkLabelingResult(project: TProjectShape, item: TItemShape, raw: unknown): TLabelingResult {
  const parsed = ZLabelingResult.safeParse(raw);
  if (!parsed.success) throw new AppError("BAD_REQUEST", formatIssues(parsed.error.issues));
  const result = parsed.data;
  const known = new Set(project.labels.map((l) => l.name));
  const assertKnown = (label: string, where: string) => {
    if (!known.has(label)) throw new AppError("BAD_REQUEST", `${where}: '${label}' is not a label of this project`);
  };
  switch (project.taskType) {
    case "imageClassification":
    case "textClassification": {
      const labels = [...new Set(result.labels ?? [])];
      labels.forEach((l, i) => assertKnown(l, `labels[${i}]`));
      if (labels.length === 0) throw new AppError("BAD_REQUEST", "labels: pick a label");
      if (!project.multiLabel && labels.length > 1)
        throw new AppError("BAD_REQUEST", "labels: this project takes one label per item");
      return { labels };
    }
    case "objectDetection": {
      const { width, height } = imageSize(item);
      const boxes = result.boxes ?? [];
      boxes.forEach((b, i) => {
        assertKnown(b.label, `boxes[${i}]`);
        if (b.x < -EDGE || b.y < -EDGE || b.x + b.width > width + EDGE || b.y + b.height > height + EDGE)
          throw new AppError("BAD_REQUEST", `boxes[${i}]: outside the ${width}×${height} image`);
      });
      return { boxes };
    }
    case "instanceSegmentation": {
      const { width, height } = imageSize(item);
      const polygons = result.polygons ?? [];
      polygons.forEach((p, i) => {
        assertKnown(p.label, `polygons[${i}]`);
        const outside = p.points.findIndex(([x, y]) => x < -EDGE || y < -EDGE || x > width + EDGE || y > height + EDGE);
        if (outside >= 0)
          throw new AppError("BAD_REQUEST", `polygons[${i}].points[${outside}]: outside the ${width}×${height} image`);
      });
      return { polygons };
    }
    case "textEntities": {
      const length = item.text?.length ?? 0;
      const spans = [...(result.spans ?? [])].sort((a, b) => a.start - b.start || a.end - b.end);
      spans.forEach((s, i) => {
        assertKnown(s.label, `spans[${i}]`);
        if (s.end <= s.start || s.end > length)
          throw new AppError(
            "BAD_REQUEST",
            `spans[${i}]: ${s.start}–${s.end} is not inside the ${length}-character text`,
          );
        const previous = spans[i - 1];
        if (previous && s.start < previous.end)
          throw new AppError(
            "BAD_REQUEST",
            `spans: ${previous.start}–${previous.end} and ${s.start}–${s.end} overlap; one character has one entity`,
          );
      });
      return { spans };
    }
  }
}

function imageSize(item: TItemShape): { width: number; height: number } {
  if (item.width === null || item.height === null)
    throw new AppError("CONFLICT", "The image's size is not known yet; open the item before labeling it");
  return { width: item.width, height: item.height };
}
