import { formatDuration, formatMetric } from "./format";

export type TRunRow = {
  id: string;
  displayName: string;
  status: string;
  parentRunId: string | null;
  createdAt: Date | string;
  durationMs: number | null;
  user: { email: string } | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: Record<string, { last: number | string; min: number | string | null; max: number | string | null }>;
};

export type TMetricAgg = "last" | "min" | "max";
/** A chosen extra column: `metrics.acc:max`, `params.lr`, `tags.model`. */
export type TColumn = { id: string; label: string; orderBy: string | null; value: (r: TRunRow) => string };

export function extraColumn(id: string): TColumn {
  const [kind, rest = ""] = [id.slice(0, id.indexOf(".")), id.slice(id.indexOf(".") + 1)];
  if (kind === "metrics") {
    const [key, agg = "last"] = rest.split(":") as [string, TMetricAgg?];
    return {
      id,
      label: agg === "last" ? key : `${key} (${agg})`,
      // The server sorts by the last value; min and max sort on the page only.
      orderBy: agg === "last" ? `metrics.\`${key}\`` : null,
      value: (r) => formatMetric(r.metrics[key]?.[agg]),
    };
  }
  if (kind === "params") return { id, label: rest, orderBy: `params.\`${rest}\``, value: (r) => r.params[rest] ?? "—" };
  return { id, label: rest, orderBy: `tags.\`${rest}\``, value: (r) => r.tags[rest] ?? "—" };
}

export const BASE_COLUMNS: TColumn[] = [
  {
    id: "created",
    label: "Created",
    orderBy: "attributes.start_time",
    value: (r) => new Date(r.createdAt).toLocaleString(),
  },
  { id: "duration", label: "Duration", orderBy: null, value: (r) => formatDuration(r.durationMs) },
  { id: "user", label: "User", orderBy: "attributes.user", value: (r) => r.user?.email ?? "—" },
];

/** Keys seen across the loaded runs, for the column chooser. */
export function discoverKeys(runs: TRunRow[]) {
  const params = new Set<string>();
  const metrics = new Set<string>();
  const tags = new Set<string>();
  for (const r of runs) {
    Object.keys(r.params).forEach((k) => params.add(k));
    Object.keys(r.metrics).forEach((k) => metrics.add(k));
    Object.keys(r.tags).forEach((k) => tags.add(k));
  }
  return { params: [...params].sort(), metrics: [...metrics].sort(), tags: [...tags].sort() };
}
