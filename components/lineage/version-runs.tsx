"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { RunStatusBadge } from "../runs/run-status-badge";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { LineageDiagram } from "./lineage-diagram";

/** The runs that read or made one data version, and the lineage around it. */
export function VersionRuns({ asset, version }: { asset: string; version: number }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const runs = useQuery(trpc.lineage.versionRuns.queryOptions({ workspaceId, name: asset, version: String(version) }));
  return (
    <div className="space-y-4">
      {runs.data?.length ? (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Runs that used this version">
          {runs.data.map((r) => (
            <li key={`${r.direction}:${r.runId}:${r.name}`} className="flex items-center justify-between py-1.5">
              <span>
                <span className="mr-2 text-xs text-slate-500">{r.direction === "input" ? "read by" : "made by"}</span>
                <Link className="text-sky-700 hover:underline" href={`/w/${workspaceId}/runs/${r.runId}`}>
                  {r.runName}
                </Link>
                <span className="ml-2 font-mono text-xs text-slate-400">as {r.name}</span>
              </span>
              <RunStatusBadge status={r.status as Parameters<typeof RunStatusBadge>[0]["status"]} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">No run has read or made this version yet.</p>
      )}
      <LineageDiagram start={{ asset, version }} />
    </div>
  );
}
