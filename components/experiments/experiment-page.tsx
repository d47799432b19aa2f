"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { RunsTable } from "../runs/runs-table";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";

export function ExperimentPage({ experimentId }: { experimentId: string }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const experiment = useQuery(trpc.experiments.byId.queryOptions({ workspaceId, experimentId }));
  if (experiment.isError) return <Notice tone="error">{errorMessage(experiment.error)}</Notice>;
  return (
    <div className="space-y-4">
      <div>
        <Link className="text-sm text-sky-700 hover:underline" href={`/w/${workspaceId}/experiments`}>
          Experiments
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">{experiment.data?.name ?? "…"}</h1>
        {experiment.data?.isArchived ? <p className="text-sm text-amber-700">Archived</p> : null}
      </div>
      <RunsTable experimentId={experimentId} />
    </div>
  );
}
