"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";
import type { TChartSettings } from "../charts/metric-chart-option";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { JobPanel } from "../jobs/job-panel";
import { LogConsole } from "../logs/log-console";
import { useLogStream } from "../logs/use-log-stream";
import { ArtifactBrowser } from "./artifact-browser";
import { ChartSettingsBar } from "./chart-settings-bar";
import { formatDuration, formatMetric, formatTime } from "./format";
import { KeyValueTable } from "./key-value-table";
import { RunDataPanel } from "../lineage/run-data-panel";
import { MetricValues } from "./metric-values";
import { RunMetricChart } from "./run-metric-chart";
import { LIVE_STATUSES, RunStatusBadge } from "./run-status-badge";

export function RunPage({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const [settings, setSettings] = useState<TChartSettings>({ xAxis: "step", smoothing: 0, isLogScale: false });
  const run = useQuery(trpc.runs.byId.queryOptions({ workspaceId, runId }));
  const children = useQuery(trpc.runs.search.queryOptions({ workspaceId, parentRunId: runId, maxResults: 200 }));
  const datasets = useQuery(trpc.runs.datasetInputs.queryOptions({ workspaceId, runId }));
  const job = useQuery(trpc.jobs.byRun.queryOptions({ workspaceId, runId }));
  const dataLinks = useQuery(trpc.lineage.runData.queryOptions({ workspaceId, runId }));
  const canReadModels = useCan("model:read");
  const runModels = useQuery({ ...trpc.models.fromRun.queryOptions({ workspaceId, runId }), enabled: canReadModels });
  const queryClient = useQueryClient();
  // The console stream announces every status change (the server hears them through PostgreSQL
  // notices): the run, its job and its files are read again then, and never polled.
  const streamedStatus = useRef<string | null>(null);
  const console_ = useLogStream(`/api/v1/runs/${encodeURIComponent(runId)}/logs/stream`, (status) => {
    const known = streamedStatus.current ?? run.data?.status ?? null;
    if (known !== null && status !== known) {
      void queryClient.invalidateQueries(trpc.runs.pathFilter());
      void queryClient.invalidateQueries(trpc.jobs.pathFilter());
    }
    streamedStatus.current = status;
  });
  if (run.isPending) return <p className="text-sm text-slate-500">Loading run…</p>;
  if (run.isError) return <Notice tone="error">{errorMessage(run.error)}</Notice>;
  const r = run.data;
  const isLive = LIVE_STATUSES.has(r.status);
  const metricKeys = Object.keys(r.metrics).sort();
  const chartedKeys = metricKeys.filter((k) => Number(r.metrics[k]?.count) > 1);
  const singleKeys = metricKeys.filter((k) => Number(r.metrics[k]?.count) <= 1);
  const git = r.git.commit
    ? `${r.git.repo ?? ""} ${r.git.branch ?? ""} @ ${r.git.commit.slice(0, 10)}${r.git.isDirty ? " (dirty)" : ""}`
    : "—";

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <p className="text-sm text-slate-500">
          <Link className="text-sky-700 hover:underline" href={`/w/${workspaceId}/experiments/${r.experimentId}`}>
            Experiment
          </Link>
          {r.parentRunId ? (
            <>
              {" "}
              · child of{" "}
              <Link className="text-sky-700 hover:underline" href={`/w/${workspaceId}/runs/${r.parentRunId}`}>
                parent run
              </Link>
            </>
          ) : null}
        </p>
        <h1 className="mt-1 flex items-center gap-3 text-2xl font-semibold">
          {r.displayName} <RunStatusBadge status={r.status} />
          {isLive ? (
            <span className="text-xs font-normal text-sky-700" role="status">
              live
            </span>
          ) : null}
        </h1>
      </div>
      <Section title="Overview">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
          {[
            ["Run id", r.id],
            ["Created by", r.user?.email ?? "—"],
            ["Started", formatTime(r.startedAt)],
            ["Ended", formatTime(r.endedAt)],
            ["Duration", formatDuration(r.durationMs)],
            ["Git", git],
          ].map(([k, v]) => (
            <div key={k}>
              <dt className="text-xs uppercase text-slate-500">{k}</dt>
              <dd className="break-all font-mono text-xs">{v}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-4 grid gap-6 md:grid-cols-2">
          <div>
            <h3 className="mb-1 text-sm font-semibold">Params</h3>
            <KeyValueTable label="Params" entries={Object.entries(r.params)} />
          </div>
          <div>
            <h3 className="mb-1 text-sm font-semibold">Tags</h3>
            <KeyValueTable label="Tags" entries={Object.entries(r.tags)} />
          </div>
        </div>
        {datasets.data?.length ? (
          <div className="mt-4">
            <h3 className="mb-1 text-sm font-semibold">Dataset inputs</h3>
            <KeyValueTable
              label="Dataset inputs"
              entries={datasets.data.map((d) => [
                `${d.name} (${d.digest})`,
                [d.sourceType, d.source, ...Object.entries(d.tags).map(([k, v]) => `${k}=${v}`)].join(" · "),
              ])}
            />
          </div>
        ) : null}
      </Section>
      {dataLinks.data?.length || runModels.data?.length ? (
        <Section
          title="Data and models"
          description="The data and model versions the run read, the data it made, the models registered from it, and where they lead"
        >
          <RunDataPanel runId={r.id} />
        </Section>
      ) : null}
      {job.data ? (
        <Section title="Job" description="Where and how the run executes">
          <JobPanel runId={r.id} job={job.data} status={r.status} />
        </Section>
      ) : null}
      {job.data || console_.lines.length > 0 ? (
        <Section title="Console" description="stdout, stderr and Crucible's own lines, live">
          <LogConsole
            lines={console_.lines}
            state={console_.state}
            endedLabel="run ended"
            downloadHref={`/api/v1/runs/${encodeURIComponent(r.id)}/logs/download`}
          />
        </Section>
      ) : null}
      <Section
        title="Metrics"
        description={
          metricKeys.length
            ? `${metricKeys.length} metrics; last values: ${metricKeys
                .slice(0, 4)
                .map((k) => `${k} ${formatMetric(r.metrics[k]?.last)}`)
                .join(", ")}`
            : undefined
        }
        actions={<ChartSettingsBar settings={settings} onChange={setSettings} />}
      >
        {singleKeys.length ? (
          <MetricValues metrics={singleKeys.map((k) => [k, r.metrics[k]!.last, Number(r.metrics[k]!.lastStep)])} />
        ) : null}
        {chartedKeys.length ? (
          <div className="grid gap-4 lg:grid-cols-2">
            {chartedKeys.map((key) => (
              <RunMetricChart
                key={key}
                runId={r.id}
                metricKey={key}
                startedAtMs={r.startedAt ? new Date(r.startedAt).getTime() : null}
                settings={settings}
                isLive={isLive}
              />
            ))}
          </div>
        ) : null}
        {metricKeys.length === 0 ? <p className="text-sm text-slate-500">No metrics logged yet.</p> : null}
      </Section>
      <Section title="Outputs and logs" description="Files the run saved: outputs/, logs/ and anything uploaded.">
        <ArtifactBrowser runId={r.id} isLive={isLive} />
      </Section>
      {children.data?.runs.length ? (
        <Section title="Child runs">
          <ul className="divide-y divide-slate-100 text-sm">
            {children.data.runs.map((c) => (
              <li key={c.id} className="flex items-center justify-between py-1.5">
                <Link className="text-sky-700 hover:underline" href={`/w/${workspaceId}/runs/${c.id}`}>
                  {c.displayName}
                </Link>
                <RunStatusBadge status={c.status} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
