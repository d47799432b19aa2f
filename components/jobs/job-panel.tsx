"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import type { AppRouter } from "@/server/trpc/root";
import { LIVE_STATUSES } from "../runs/run-status-badge";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { formatBytes } from "../runs/format";

type TJob = NonNullable<inferRouterOutputs<AppRouter>["jobs"]["byRun"]>;

/** What ran where: environment, compute, host, image, limits, exit; with Cancel while it runs. */
export function JobPanel({ runId, job, status }: { runId: string; job: TJob; status: string }) {
  const isLive = LIVE_STATUSES.has(status);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canCancel = useCan("run:cancel");
  const canSubmit = useCan("run:submit");
  const cancel = useMutation(
    trpc.jobs.cancel.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(),
    }),
  );
  const rows: [string, string][] = [
    ["Environment", job.environment ? `${job.environment.name}:${job.environment.version}` : "inline spec"],
    ["Image", job.image],
    ["Compute", job.computeTarget ? `target ${job.computeTarget}` : job.compute],
    ["Host", job.host ?? "not placed yet"],
    [
      "Resources",
      [
        job.resources.cpu ? `${job.resources.cpu} CPU` : null,
        job.resources.memoryBytes ? formatBytes(job.resources.memoryBytes) : null,
        job.resources.gpus ? `${job.resources.gpus} GPU` : null,
      ]
        .filter(Boolean)
        .join(", ") || "host defaults",
    ],
    ["Time limit", job.timeoutS ? `${job.timeoutS} s` : "none"],
    ["Attempt", `${job.attempt} of ${job.maxAttempts}`],
    ["Exit code", job.exitCode === null ? "—" : String(job.exitCode)],
  ];
  return (
    <div className="space-y-3">
      {job.failureReason ? (
        <Notice tone={job.failureReason.startsWith("Canceled") ? "info" : "error"}>{job.failureReason}</Notice>
      ) : null}
      {job.isWaitingForCode ? <Notice tone="info">Waiting for the code snapshot upload.</Notice> : null}
      {status === "Queued" && !job.isWaitingForCode ? (
        <Notice tone="info">
          Queued: waiting for a host of compute &apos;{job.compute}&apos; that is Online with room for it (see the
          Compute page).
        </Notice>
      ) : null}
      <div className="flex items-start justify-between gap-4">
        <code className="block flex-1 whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">
          {job.command}
        </code>
        {isLive && canCancel ? (
          <Button
            variant="danger"
            disabled={cancel.isPending || job.isCancelRequested}
            onClick={() => cancel.mutate({ workspaceId, runId })}
          >
            {job.isCancelRequested || cancel.data?.status === "Canceling" ? "Canceling…" : "Cancel run"}
          </Button>
        ) : null}
      </div>
      {cancel.error ? <Notice tone="error">{errorMessage(cancel.error)}</Notice> : null}
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt className="text-xs uppercase text-slate-500">{k}</dt>
            <dd className="break-all font-mono text-xs">{v}</dd>
          </div>
        ))}
      </dl>
      {job.yaml && canSubmit ? (
        <Link className="text-sm text-sky-700 hover:underline" href={`/w/${workspaceId}/jobs/new?from=${runId}`}>
          Resubmit this job…
        </Link>
      ) : null}
      {job.yaml ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-sky-700">Job YAML</summary>
          <pre className="mt-2 overflow-auto rounded bg-slate-50 p-2 text-xs">{job.yaml}</pre>
        </details>
      ) : null}
    </div>
  );
}
