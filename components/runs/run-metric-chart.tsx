"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { EChart } from "../charts/echart";
import { buildMetricChartOption, type TChartSettings } from "../charts/metric-chart-option";
import { toSeries } from "../charts/metric-series";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";

// About one bucket per horizontal pixel of a chart card.
const BUCKETS = 600;

/** One metric of one run; zooming asks the server for finer detail in the visible step range. */
export function RunMetricChart({
  runId,
  metricKey,
  startedAtMs,
  settings,
  isLive,
}: {
  runId: string;
  metricKey: string;
  startedAtMs: number | null;
  settings: TChartSettings;
  isLive: boolean;
}) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const [range, setRange] = useState<[number, number] | null>(null);
  const stepRange =
    settings.xAxis === "step" && range ? { startStep: Math.floor(range[0]), endStep: Math.ceil(range[1]) } : {};
  const history = useQuery({
    ...trpc.runs.metricHistory.queryOptions({ workspaceId, runId, key: metricKey, buckets: BUCKETS, ...stepRange }),
    placeholderData: keepPreviousData,
    refetchInterval: isLive ? 3000 : false,
  });
  const option = useMemo(
    () =>
      history.data
        ? buildMetricChartOption(metricKey, [toSeries(metricKey, history.data, settings.xAxis, startedAtMs)], settings)
        : null,
    [history.data, metricKey, settings, startedAtMs],
  );
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-2 shadow-sm" data-testid={`chart-${metricKey}`}>
      {option ? (
        <EChart option={option} label={`Chart of ${metricKey}`} onZoom={setRange} />
      ) : (
        <div className="h-[260px] animate-pulse rounded bg-slate-100" />
      )}
      {history.data ? (
        <p className="px-2 text-xs text-slate-500">
          {history.data.total.toLocaleString()} points
          {history.data.isDownsampled ? `, shown as ${history.data.buckets?.length} min/max buckets` : ""}
        </p>
      ) : null}
    </div>
  );
}
