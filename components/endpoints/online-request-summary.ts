import type { TDeploymentStats } from "../charts/endpoint-metrics-option";

export type TRequestSummary = {
  deployment: string;
  requests: number;
  /** Of all live requests in the window, in whole percents; null when there were none. */
  share: number | null;
  errors4xx: number;
  errors5xx: number;
  /** The configured weight, to set the observed share against. */
  weight: number;
};

/** Each deployment's live requests and errors over the window, and its share beside its traffic weight. */
export function requestSummary(
  stats: readonly TDeploymentStats[],
  traffic: Readonly<Record<string, number>>,
): TRequestSummary[] {
  const sum = (s: TDeploymentStats, pick: (m: TDeploymentStats["minutes"][number]) => number) =>
    s.minutes.reduce((a, m) => a + pick(m), 0);
  const rows = stats.map((s) => ({
    deployment: s.deployment,
    requests: sum(s, (m) => m.requests),
    errors4xx: sum(s, (m) => m.errors4xx),
    errors5xx: sum(s, (m) => m.errors5xx),
    weight: traffic[s.deployment] ?? 0,
  }));
  const total = rows.reduce((a, r) => a + r.requests, 0);
  return rows.map((r) => ({ ...r, share: total === 0 ? null : Math.round((r.requests / total) * 100) }));
}
