"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";

function formatSize(bytes: number | null): string {
  if (bytes === null) return "";
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit ? value.toFixed(1) : value} ${units[unit]}`;
}

/** A run's artifact tree (outputs/, logs/ …): folders open in place, files download. */
export function ArtifactBrowser({ runId, isLive }: { runId: string; isLive: boolean }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const [folder, setFolder] = useState("");
  const entries = useQuery({ ...trpc.runs.artifacts.queryOptions({ workspaceId, runId, path: folder }), refetchInterval: isLive ? 5000 : false });
  const crumbs = folder ? folder.split("/") : [];
  return (
    <div className="text-sm">
      <nav aria-label="Artifact folder" className="mb-2 flex flex-wrap gap-1 text-slate-600">
        <button type="button" className="text-sky-700 hover:underline" onClick={() => setFolder("")}>artifacts</button>
        {crumbs.map((c, i) => (
          <span key={i}>/ <button type="button" className="text-sky-700 hover:underline" onClick={() => setFolder(crumbs.slice(0, i + 1).join("/"))}>{c}</button></span>
        ))}
      </nav>
      {!entries.data?.length ? (
        <p className="text-slate-500">{entries.isPending ? "Loading…" : "No files."}</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Artifacts">
          {entries.data.map((e) => (
            <li key={e.path} className="flex items-center justify-between py-1.5">
              {e.isDir ? (
                <button type="button" className="font-medium text-sky-700 hover:underline" onClick={() => setFolder(e.path)}>📁 {e.name}/</button>
              ) : (
                <a className="text-sky-700 hover:underline" download href={`/api/v1/workspaces/${workspaceId}/runs/${runId}/artifacts/${e.path.split("/").map(encodeURIComponent).join("/")}`}>
                  {e.name}
                </a>
              )}
              <span className="font-mono text-xs text-slate-500">{formatSize(e.size)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
