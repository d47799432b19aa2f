"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { AliasBadge } from "../models/alias-badge";
import { modelVersionHref } from "../models/model-links";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { LineageDiagram } from "./lineage-diagram";

/**
 * A run's data and model inputs, its data outputs and the model versions registered from it, each
 * a link to its version, and the lineage around the run.
 */
export function RunDataPanel({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const canReadModels = useCan("model:read");
  const links = useQuery(trpc.lineage.runData.queryOptions({ workspaceId, runId }));
  const models = useQuery({ ...trpc.models.fromRun.queryOptions({ workspaceId, runId }), enabled: canReadModels });
  if (!links.data?.length && !models.data?.length) return null;
  return (
    <div className="space-y-4">
      {links.data?.length ? (
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
      ) : null}
      {models.data?.length ? (
        <div>
          <h3 className="mb-1 text-sm font-semibold">Registered models</h3>
          <ul aria-label="Registered model versions" className="divide-y divide-slate-100 text-sm">
            {models.data.map((m) => (
              <li key={m.ref} className="flex items-center gap-2 py-1.5">
                <Link
                  className="font-mono text-sky-700 hover:underline"
                  href={modelVersionHref(workspaceId, m.name, m.version)}
                >
                  {m.ref}
                </Link>
                <span className="font-mono text-xs text-slate-400">from {m.sourcePath ?? "—"}</span>
                {m.aliases.map((a) => (
                  <AliasBadge key={a} alias={a} />
                ))}
                {m.isArchived ? <span className="text-xs text-slate-400">archived</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {/* A run that read or made nothing has no graph to draw. */}
      {links.data?.length || models.data?.length ? <LineageDiagram start={{ runId }} /> : null}
    </div>
  );
}
