import type { TLabelingResult } from "@/server/services/labeling/labeling-result";

/** One line saying what a result holds: its labels, or how many regions of which labels. */
export function resultSummary(result: TLabelingResult | null): string {
  if (!result) return "—";
  if (result.labels) return result.labels.join(", ") || "no label";
  const regions = result.boxes ?? result.polygons ?? result.spans ?? [];
  const kind = result.boxes ? "box" : result.polygons ? "polygon" : "span";
  const plural = kind === "box" ? "boxes" : `${kind}s`;
  if (regions.length === 0) return `no ${plural}`;
  const counts = new Map<string, number>();
  for (const r of regions) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
  return `${regions.length} ${regions.length === 1 ? kind : plural}: ${[...counts].map(([label, n]) => (n > 1 ? `${label} ×${n}` : label)).join(", ")}`;
}
