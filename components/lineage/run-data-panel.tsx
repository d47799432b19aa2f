"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { LineageDiagram } from "./lineage-diagram";

/** A run's data and model inputs and its data outputs, each a link to its version, and the lineage around the run. */
export function RunDataPanel({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const links = useQuery(trpc.lineage.runData.queryOptions({ workspaceId, runId }));
  if (!links.data?.length) return null;
  return (
    <div className="space-y-4">
      <table className="w-full text-sm" aria-label="Data and model inputs and outputs">
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th className="py-1 font-medium">Direction</th>
            <th className="py-1 font-medium">Name</th>
            <th className="py-1 font-medium">Version</th>
            <th className="py-1 font-medium">Type</th>
            <th className="py-1 font-medium">Mode</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {links.data.map((l) => (
            <tr key={`${l.direction}:${l.name}`}>
              <td className="py-1.5">{l.direction}</td>
              <td className="py-1.5 font-mono text-xs">{l.name}</td>
              <td className="py-1.5">
                {l.kind === "model" ? <span className="mr-1 text-xs text-slate-500">model</span> : null}
                <Link
                  className="text-sky-700 hover:underline"
                  href={`/w/${workspaceId}/${l.kind === "model" ? "models" : "data"}/${encodeURIComponent(l.asset)}/versions/${l.version}`}
                >
                  {l.asset}:{l.version}
                </Link>
                {l.isArchived ? <span className="ml-2 text-xs text-slate-400">archived</span> : null}
              </td>
              <td className="py-1.5">{l.type}</td>
              <td className="py-1.5">{l.mode}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {/* The graph joins data versions and runs; a run that read models only has none to draw. */}
      {links.data.some((l) => l.kind === "data") ? <LineageDiagram start={{ runId }} /> : null}
    </div>
  );
}
