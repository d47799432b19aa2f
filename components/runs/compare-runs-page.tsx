"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { EChart } from "../charts/echart";
import type { TChartSettings } from "../charts/metric-chart-option";
import { buildParallelOption } from "../charts/parallel-option";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { ChartSettingsBar } from "./chart-settings-bar";
import { unionKeys } from "./compare-keys";
import { CompareMetricChart } from "./compare-metric-chart";
import { DifferencesToggle } from "./differences-toggle";
import { SideBySideTable } from "./side-by-side-table";

export function CompareRunsPage({ runIds }: { runIds: string[] }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const [settings, setSettings] = useState<TChartSettings>({ xAxis: "step", smoothing: 0, isLogScale: false });
  const [isDiffOnly, setIsDiffOnly] = useState(true);
  const quoted = runIds
    .slice(0, 100)
    .map((id) => `'${id.replace(/'/g, "")}'`)
    .join(", ");
  const search = useQuery(
    trpc.runs.search.queryOptions({
      workspaceId,
      filter: `attributes.run_id IN (${quoted})`,
      view: "all",
      maxResults: 100,
    }),
  );
  const runs = useMemo(() => search.data?.runs ?? [], [search.data]);
  const metricKeys = useMemo(() => unionKeys(runs.map((r) => r.metrics)), [runs]);
  const paramKeys = useMemo(() => unionKeys(runs.map((r) => r.params)), [runs]);
  const [target, setTarget] = useState<string>("");
  const targetMetric = target || metricKeys[0] || "";
  const parallel = useMemo(
    () =>
      buildParallelOption(
        runs.map((r) => ({
          name: r.displayName,
          params: r.params,
          metric: typeof r.metrics[targetMetric]?.last === "number" ? (r.metrics[targetMetric]!.last as number) : null,
        })),
        paramKeys,
        targetMetric,
      ),
    [runs, paramKeys, targetMetric],
  );

  if (search.isError) return <Notice tone="error">{errorMessage(search.error)}</Notice>;
  if (search.isPending) return <p className="text-sm text-slate-500">Loading runs…</p>;
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold">Compare {runs.length} runs</h1>
      <Section title="Metrics" actions={<ChartSettingsBar settings={settings} onChange={setSettings} />}>
        <div className="grid gap-4 lg:grid-cols-2">
          {metricKeys.map((key) => (
            <CompareMetricChart key={key} runs={runs} metricKey={key} settings={settings} />
          ))}
        </div>
      </Section>
      <Section title="Params and metrics" actions={<DifferencesToggle isOn={isDiffOnly} onChange={setIsDiffOnly} />}>
        <SideBySideTable
          isDiffOnly={isDiffOnly}
          columns={runs.map((r) => ({
            id: r.id,
            header: (
              <Link className="text-sky-700 hover:underline" href={`/w/${workspaceId}/runs/${r.id}`}>
                {r.displayName}
              </Link>
            ),
            params: r.params,
            metrics: Object.fromEntries(Object.entries(r.metrics).map(([k, m]) => [k, m.last])),
          }))}
        />
      </Section>
      {paramKeys.length && targetMetric ? (
        <Section
          title="Params against a metric"
          actions={
            <label className="flex items-center gap-2 text-sm">
              Metric
              <select
                className="rounded border border-slate-300 px-2 py-1"
                value={targetMetric}
                onChange={(e) => setTarget(e.target.value)}
              >
                {metricKeys.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </label>
          }
        >
          <EChart option={parallel} height={340} label={`Parallel coordinates of params against ${targetMetric}`} />
        </Section>
      ) : null}
    </div>
  );
}
