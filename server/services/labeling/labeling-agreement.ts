import type { TLabelingTaskType } from "./labeling-input";
import type { TBox, TLabelingResult, TPolygon, TSpan } from "./labeling-result";

/** Boxes and polygons count as the same region at this IoU or more, as CVAT's quality reports default. */
export const IOU_THRESHOLD = 0.5;

/**
 * How far two people agree on one item, from 0 to 1: exact match for classification; for boxes,
 * polygons and spans, the F1 of regions matched one-to-one (same label, IoU ≥ 0.5; spans exactly).
 */
export function pairAgreement(task: TLabelingTaskType, a: TLabelingResult, b: TLabelingResult): number {
  switch (task) {
    case "imageClassification":
    case "textClassification":
      return sameSet(a.labels ?? [], b.labels ?? []) ? 1 : 0;
    case "objectDetection":
      return matchedF1(a.boxes ?? [], b.boxes ?? [], boxIou);
    case "instanceSegmentation":
      return matchedF1(a.polygons ?? [], b.polygons ?? [], polygonIou);
    case "textEntities":
      return matchedF1(a.spans ?? [], b.spans ?? [], (x: TSpan, y: TSpan) =>
        x.start === y.start && x.end === y.end ? 1 : 0,
      );
  }
}

/** The mean agreement over every pair of results, or null with fewer than two. */
export function itemAgreement(task: TLabelingTaskType, results: readonly TLabelingResult[]): number | null {
  const scores: number[] = [];
  for (let i = 0; i < results.length; i++)
    for (let j = i + 1; j < results.length; j++) scores.push(pairAgreement(task, results[i]!, results[j]!));
  return scores.length === 0 ? null : scores.reduce((s, x) => s + x, 0) / scores.length;
}

/**
 * The item's consensus: for classification the label set most people chose (the earliest on a tie);
 * for regions the one result that agrees most with all the others. `support` is the share behind it.
 */
export function consensus(
  task: TLabelingTaskType,
  results: readonly TLabelingResult[],
): { result: TLabelingResult; support: number } | null {
  if (results.length === 0) return null;
  if (task === "imageClassification" || task === "textClassification") {
    const counts = new Map<string, { result: TLabelingResult; count: number }>();
    for (const result of results) {
      const key = JSON.stringify([...(result.labels ?? [])].sort());
      const entry = counts.get(key) ?? { result, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
    const best = [...counts.values()].reduce((a, b) => (b.count > a.count ? b : a));
    return { result: best.result, support: best.count / results.length };
  }
  if (results.length === 1) return { result: results[0]!, support: 1 };
  const scored = results.map((result, i) => {
    const others = results.filter((_, j) => j !== i).map((other) => pairAgreement(task, result, other));
    return { result, score: others.reduce((s, x) => s + x, 0) / others.length };
  });
  const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
  return { result: best.result, support: best.score };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((x) => left.has(x));
}

/** Greedy one-to-one matching, best pairs first, of regions with the same label. */
function matchedF1<T extends { label: string }>(
  a: readonly T[],
  b: readonly T[],
  overlap: (x: T, y: T) => number,
): number {
  if (a.length === 0 && b.length === 0) return 1;
  const pairs: { i: number; j: number; score: number }[] = [];
  a.forEach((x, i) =>
    b.forEach((y, j) => {
      if (x.label !== y.label) return;
      const score = overlap(x, y);
      if (score >= IOU_THRESHOLD) pairs.push({ i, j, score });
    }),
  );
  pairs.sort((p, q) => q.score - p.score);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let matched = 0;
  for (const { i, j } of pairs) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    matched++;
  }
  return (2 * matched) / (a.length + b.length);
}

export function boxIou(a: TBox, b: TBox): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/** Polygons' IoU, sampled on a 128×128 grid over both: exact enough to match regions at 0.5. */
export function polygonIou(a: TPolygon, b: TPolygon): number {
  const xs = [...a.points, ...b.points].map((p) => p[0]);
  const ys = [...a.points, ...b.points].map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const steps = 128;
  let inter = 0;
  let union = 0;
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < steps; j++) {
      const x = x0 + ((i + 0.5) * (x1 - x0)) / steps;
      const y = y0 + ((j + 0.5) * (y1 - y0)) / steps;
      const inA = insidePolygon(a.points, x, y);
      const inB = insidePolygon(b.points, x, y);
      if (inA && inB) inter++;
      if (inA || inB) union++;
    }
  }
  return union === 0 ? 0 : inter / union;
}

function insidePolygon(points: readonly (readonly [number, number])[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
