import type { TPrediction, TRegionRef, TResult, TTaskType } from "./workbench-types";

/** The one field of a result each task uses. */
export function resultField(taskType: TTaskType): "labels" | "boxes" | "polygons" | "spans" {
  switch (taskType) {
    case "imageClassification":
    case "textClassification":
      return "labels";
    case "objectDetection":
      return "boxes";
    case "instanceSegmentation":
      return "polygons";
    case "textEntities":
      return "spans";
  }
}

/** What the page starts from: the person's earlier labels (after a rejection) or nothing. */
export function startingResult(taskType: TTaskType, earlier: TResult | null | undefined): TResult {
  const field = resultField(taskType);
  return { [field]: earlier?.[field] ?? [] };
}

/** A label key in a classification task: one label picks it; several toggle it. */
export function toggleLabel(result: TResult, label: string, isMultiLabel: boolean): TResult {
  const labels = result.labels ?? [];
  if (labels.includes(label)) return { labels: labels.filter((l) => l !== label) };
  return { labels: isMultiLabel ? [...labels, label] : [label] };
}

const FIELD = { box: "boxes", polygon: "polygons", span: "spans" } as const;

export function relabelRegion(result: TResult, ref: TRegionRef, label: string): TResult {
  const field = FIELD[ref.kind];
  const regions = result[field] ?? [];
  if (!regions[ref.index] || regions[ref.index]!.label === label) return result;
  return { ...result, [field]: regions.map((r, i) => (i === ref.index ? { ...r, label } : r)) };
}

export function removeRegion(result: TResult, ref: TRegionRef): TResult {
  const field = FIELD[ref.kind];
  const regions = result[field] ?? [];
  if (!regions[ref.index]) return result;
  return { ...result, [field]: regions.filter((_, i) => i !== ref.index) };
}

/**
 * A suggestion copied into the working labels: its labels replace a classification's; its regions
 * join the drawn ones, except spans that would overlap one already there.
 */
export function acceptSuggestion(
  result: TResult,
  prediction: TPrediction,
  taskType: TTaskType,
  isMultiLabel: boolean,
): TResult {
  const field = resultField(taskType);
  const suggested = prediction.result;
  switch (field) {
    case "labels": {
      const labels = suggested.labels ?? [];
      return { labels: isMultiLabel ? [...new Set([...(result.labels ?? []), ...labels])] : labels.slice(0, 1) };
    }
    case "boxes":
      return { boxes: [...(result.boxes ?? []), ...(suggested.boxes ?? [])] };
    case "polygons":
      return { polygons: [...(result.polygons ?? []), ...(suggested.polygons ?? [])] };
    case "spans": {
      const spans = [...(result.spans ?? [])];
      for (const s of suggested.spans ?? []) if (!spans.some((t) => s.start < t.end && t.start < s.end)) spans.push(s);
      return { spans: spans.sort((a, b) => a.start - b.start) };
    }
  }
}

/** Why the labels cannot be submitted yet, or null when they can. */
export function submitBlocker(result: TResult, taskType: TTaskType): string | null {
  if (resultField(taskType) === "labels" && (result.labels ?? []).length === 0) return "Pick a label first";
  return null;
}

/** A one-line summary of a suggestion: "cat (92%)", "3 boxes: car, person (80%)". */
export function suggestionSummary(prediction: TPrediction): string {
  const r = prediction.result;
  const score = prediction.score === null ? "" : ` (${Math.round(prediction.score * 100)}%)`;
  if (r.labels?.length) return `${r.labels.join(", ")}${score}`;
  const regions = [
    ...(r.boxes ?? []).map((b) => ["box", b.label] as const),
    ...(r.polygons ?? []).map((p) => ["polygon", p.label] as const),
    ...(r.spans ?? []).map((s) => ["span", s.label] as const),
  ];
  if (regions.length === 0) return `nothing${score}`;
  const kind = regions[0]![0];
  const names = [...new Set(regions.map((r) => r[1]))].join(", ");
  const noun = regions.length === 1 ? kind : kind === "box" ? "boxes" : `${kind}s`;
  return `${regions.length} ${noun}: ${names}${score}`;
}
