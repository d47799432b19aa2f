"use client";

import { useQuery } from "@tanstack/react-query";
import { RunStatusBadge } from "../runs/run-status-badge";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";

/** The status of an endpoint's newest invocation, or a dash when it was never invoked. */
export function LastInvocationStatus({ endpointName }: { endpointName: string }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const jobs = useQuery(trpc.batchEndpoints.jobs.queryOptions({ workspaceId, endpointName, limit: 1 }));
  const last = jobs.data?.[0];
  if (jobs.isPending) return <span className="text-slate-400">…</span>;
  if (!last) return <span className="text-slate-400">never invoked</span>;
  return <RunStatusBadge status={last.status} />;
}
