"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { versionHref } from "../data/data-links";
import { formatMetric } from "../runs/format";
import { KeyValueTable } from "../runs/key-value-table";
import { RunStatusBadge } from "../runs/run-status-badge";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";

/** The run a version was registered from: its params, its metrics' last values, and the data it read. */
export function SourceRunPanel({ name, version }: { name: string; version: number }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const canReadRuns = useCan("experiment:read");
  const lineage = useQuery(trpc.models.lineage.queryOptions({ workspaceId, name, version: String(version) }));
  const runId = lineage.data?.run?.id;
  const run = useQuery({
    ...trpc.runs.byId.queryOptions({ workspaceId, runId: runId ?? "" }),
    enabled: canReadRuns && runId !== undefined,
  });
  if (lineage.isPending) return <p className="text-sm text-slate-500">Loading the source run…</p>;
  if (lineage.isError) return <Notice tone="error">{errorMessage(lineage.error)}</Notice>;
  const source = lineage.data.run;
  if (!source) return <p className="text-sm text-slate-500">Uploaded, not registered from a run.</p>;
  const r = run.data;
  return (
    <div className="space-y-4 text-sm">
      <p className="flex items-center gap-2">
        Registered from run{" "}
        <Link className="font-medium text-sky-700 hover:underline" href={`/w/${workspaceId}/runs/${source.id}`}>
          {source.name}
        </Link>
        <RunStatusBadge status={source.status as Parameters<typeof RunStatusBadge>[0]["status"]} />
      </p>
      {r ? (
        <div className="grid gap-6 md:grid-cols-2">
          <div>
            <h3 className="mb-1 text-sm font-semibold">Params</h3>
            <KeyValueTable label="Run params" entries={Object.entries(r.params)} />
          </div>
          <div>
            <h3 className="mb-1 text-sm font-semibold">Metrics (last value)</h3>
            <KeyValueTable
              label="Run metrics"
              entries={Object.entries(r.metrics)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([k, m]) => [k, formatMetric(m.last)])}
            />
          </div>
        </div>
      ) : run.isError ? (
        <Notice tone="error">{errorMessage(run.error)}</Notice>
      ) : null}
      <div>
        <h3 className="mb-1 text-sm font-semibold">Trained on</h3>
        {lineage.data.dataInputs.length ? (
          <ul aria-label="Data inputs" className="space-y-1">
            {lineage.data.dataInputs.map((d) => (
              <li key={d.name}>
                <span className="mr-2 font-mono text-xs text-slate-500">{d.name}</span>
                <Link className="text-sky-700 hover:underline" href={versionHref(workspaceId, d.asset, d.version)}>
                  {d.ref}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-500">The run read no data asset.</p>
        )}
      </div>
    </div>
  );
}
