"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { versionHref } from "../data/data-links";
import { ProgressBar } from "../data/progress-bar";
import { formatDuration, formatTime } from "../runs/format";
import { LIVE_STATUSES, RunStatusBadge } from "../runs/run-status-badge";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { splitVersionRef } from "./endpoint-links";

// Mini-batch progress is logged as metrics while a job runs; a few seconds is fresh enough.
const REFRESH_MS = 3000;

/** The endpoint's invocations, newest first, refreshed while any of them still runs. */
export function BatchJobsTable({ endpointName }: { endpointName: string }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const jobs = useQuery({
    ...trpc.batchEndpoints.jobs.queryOptions({ workspaceId, endpointName }),
    refetchInterval: (query) => (query.state.data?.some((j) => LIVE_STATUSES.has(j.status)) ? REFRESH_MS : false),
  });
  if (jobs.isError) return <Notice tone="error">{errorMessage(jobs.error)}</Notice>;
  if (jobs.isPending) return <p className="text-sm text-slate-500">Loading invocations…</p>;
  if (jobs.data.length === 0) return <p className="text-sm text-slate-500">Not invoked yet.</p>;

  return (
    <table aria-label="Invocations" className="w-full text-left text-sm">
      <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
        <tr>
          <th className="py-2 pr-3">Job</th>
          <th className="py-2 pr-3">Deployment</th>
          <th className="py-2 pr-3">Input</th>
          <th className="py-2 pr-3">Status</th>
          <th className="w-56 py-2 pr-3">Mini-batches</th>
          <th className="py-2 pr-3">Output</th>
          <th className="py-2">Started</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {jobs.data.map((j) => {
          const { total, done, failed } = j.progress;
          const output = j.output ? splitVersionRef(j.output) : null;
          return (
            <tr key={j.runId}>
              <td className="py-2 pr-3">
                <Link className="text-sky-700 hover:underline" href={`/w/${workspaceId}/runs/${j.runId}`}>
                  {j.displayName}
                </Link>
              </td>
              <td className="py-2 pr-3 text-xs">{j.deployment}</td>
              <td className="py-2 pr-3 font-mono text-xs">{j.input}</td>
              <td className="py-2 pr-3">
                <RunStatusBadge status={j.status} />
                {j.failureReason ? <p className="mt-1 max-w-xs text-xs text-red-700">{j.failureReason}</p> : null}
              </td>
              <td className="py-2 pr-3">
                {total === null ? (
                  <span className="text-xs text-slate-400">
                    {LIVE_STATUSES.has(j.status) ? "waiting for the job…" : "—"}
                  </span>
                ) : (
                  <div className="space-y-1">
                    <ProgressBar label={`Mini-batches of ${j.displayName}`} value={done ?? 0} max={total} />
                    <p className="text-xs text-slate-600">
                      {done ?? 0}/{total} done
                      {failed ? <span className="text-red-700">, {failed} failed</span> : ", 0 failed"}
                    </p>
                  </div>
                )}
              </td>
              <td className="py-2 pr-3 font-mono text-xs">
                {j.output && output ? (
                  <Link
                    className="text-sky-700 hover:underline"
                    href={versionHref(workspaceId, output.name, Number(output.version))}
                  >
                    {j.output}
                  </Link>
                ) : (
                  "—"
                )}
              </td>
              <td className="py-2 text-xs text-slate-600">
                {formatTime(j.createdAt)}
                {j.endedAt ? (
                  <p className="text-slate-400">
                    took {formatDuration(new Date(j.endedAt).getTime() - new Date(j.createdAt).getTime())}
                  </p>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
