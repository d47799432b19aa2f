"use client";

import { useQuery } from "@tanstack/react-query";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";

export function BuildLog({ buildId }: { buildId: string }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const build = useQuery(trpc.environments.buildLog.queryOptions({ workspaceId, buildId }));
  return (
    <pre
      aria-label="Build log"
      className="mt-1 max-h-64 overflow-auto rounded bg-slate-900 p-2 text-[11px] text-slate-100"
    >
      {build.data?.log ?? "Loading…"}
    </pre>
  );
}
