"use client";

import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { EChart } from "../charts/echart";
import { buildEndpointMetricsOption, type TEndpointChart } from "../charts/endpoint-metrics-option";
import { buildEndpointUsageOption, type TUsageChart } from "../charts/endpoint-usage-option";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { requestSummary } from "./online-request-summary";
import { OnlineRequestTable } from "./online-request-table";
import type { TOnlineEndpoint } from "./online-types";

const CHARTS: TEndpointChart[] = ["requests", "latency", "errors"];
const USAGE_CHARTS: TUsageChart[] = ["cpu", "memory"];
const WINDOW_MINUTES = 60;

/** The last hour of each deployment's requests, latency, errors, CPU and memory, refreshed every 10 s. */
export function OnlineMonitoring({ endpoint }: { endpoint: TOnlineEndpoint }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const metrics = useQueries({
    queries: endpoint.deployments.map((d) => ({
      ...trpc.endpoints.metrics.queryOptions({
        workspaceId,
        endpointName: endpoint.name,
        name: d.name,
        windowMinutes: WINDOW_MINUTES,
      }),
      refetchInterval: 10_000,
    })),
  });
  const usage = useQueries({
    queries: endpoint.deployments.map((d) => ({
      ...trpc.endpoints.usage.queryOptions({
        workspaceId,
        endpointName: endpoint.name,
        name: d.name,
        windowMinutes: WINDOW_MINUTES,
      }),
      refetchInterval: 10_000,
    })),
  });
  const stats = endpoint.deployments.map((d, i) => ({ deployment: d.name, minutes: metrics[i]?.data ?? [] }));
  const usageStats = endpoint.deployments.map((d, i) => ({ deployment: d.name, minutes: usage[i]?.data ?? [] }));
  const key = JSON.stringify([stats, usageStats]);
  // Rebuild only when the numbers change, so a refresh with the same data does not redraw.
  const options = useMemo(
    () => {
      const end = Date.now();
      const window = { start: end - WINDOW_MINUTES * 60_000, end };
      return [
        ...CHARTS.map((kind) => ({ kind: kind as string, option: buildEndpointMetricsOption(kind, stats, window) })),
        ...USAGE_CHARTS.map((kind) => ({ kind, option: buildEndpointUsageOption(kind, usageStats, window) })),
      ];
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  const failed = [...metrics, ...usage].find((m) => m.isError);
  if (endpoint.deployments.length === 0)
    return (
      <Section title="Monitoring">
        <p className="text-sm text-slate-500">No deployments to monitor yet.</p>
      </Section>
    );
  const total = stats.reduce((sum, s) => sum + s.minutes.reduce((a, m) => a + m.requests, 0), 0);
  return (
    <div className="space-y-6">
      <Section
        title="Monitoring"
        description={`The last ${WINDOW_MINUTES} minutes, per minute and deployment: live requests (mirrored copies not counted), and CPU and memory summed over the instances.`}
      >
        {failed?.error ? <Notice tone="error">{errorMessage(failed.error)}</Notice> : null}
        <p data-testid="request-total" className="mb-2 text-sm text-slate-600">
          {total} request(s):{" "}
          {stats.map((s) => `${s.deployment} ${s.minutes.reduce((a, m) => a + m.requests, 0)}`).join(", ")}
        </p>
        <div className="mb-4">
          <OnlineRequestTable rows={requestSummary(stats, endpoint.traffic)} />
        </div>
        <div className="grid gap-4 lg:grid-cols-3">
          {options.map(({ kind, option }) => (
            <div key={kind} className="rounded border border-slate-100">
              <EChart option={option} height={240} label={`${kind} chart`} />
            </div>
          ))}
        </div>
      </Section>
    </div>
  );
}
