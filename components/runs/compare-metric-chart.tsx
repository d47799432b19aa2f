"use client";

import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { EChart } from "../charts/echart";
import { buildMetricChartOption, type TChartSettings } from "../charts/metric-chart-option";
import { toSeries } from "../charts/metric-series";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";

type TRun = { id: string; displayName: string; startedAt: Date | string | null };

/** The same metric from several runs overlaid; fewer buckets per run as more runs share the chart. */
export function CompareMetricChart({
  runs,
  metricKey,
  settings,
}: {
  runs: TRun[];
  metricKey: string;
  settings: TChartSettings;
}) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const buckets = Math.max(50, Math.floor(2000 / Math.max(1, runs.length)));
  const histories = useQueries({
    queries: runs.map((r) =>
      trpc.runs.metricHistory.queryOptions({ workspaceId, runId: r.id, key: metricKey, buckets }),
    ),
  });
  const isReady = histories.every((h) => !h.isPending);
  const data = histories.map((h) => h.data);
  const option = useMemo(() => {
    if (!isReady) return null;
    const series = runs.flatMap((r, i) => {
      const h = data[i];
      return h
        ? [toSeries(r.displayName, h, settings.xAxis, r.startedAt ? new Date(r.startedAt).getTime() : null)]
        : [];
    });
    return buildMetricChartOption(metricKey, series, settings);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- data changes identity each render; the queries' update times say when it changed
  }, [isReady, histories.map((h) => h.dataUpdatedAt).join(), runs, metricKey, settings]);
  return (
    <div
      className="rounded-lg border border-slate-200 bg-white p-2 shadow-sm"
      data-testid={`compare-chart-${metricKey}`}
    >
      {option ? (
        <EChart option={option} height={320} label={`${metricKey} across ${runs.length} runs`} />
      ) : (
        <div className="h-[320px] animate-pulse rounded bg-slate-100" />
      )}
    </div>
  );
}
