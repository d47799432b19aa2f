"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatBytes } from "../runs/format";
import { RunStatusBadge } from "../runs/run-status-badge";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { HostCapacity } from "./host-capacity";
import { HostStatusBadge } from "./host-status-badge";

/** The site's hosts shared with this workspace, read-only: site admins register and share them. */
export function SharedHostList() {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const hosts = useQuery({ ...trpc.compute.hosts.queryOptions({ workspaceId }), refetchInterval: 3000 });
  if (hosts.isError) return <Notice tone="error">{errorMessage(hosts.error)}</Notice>;
  if (hosts.data?.length === 0)
    return (
      <p className="text-sm text-slate-500">
        No hosts are shared with this workspace yet; a site administrator shares them from the Admin page.
      </p>
    );
  return (
    <ul className="divide-y divide-slate-100">
      {hosts.data?.map((h) => (
        <li key={h.id} aria-label={`Host ${h.name}`} className="py-3">
          <div className="flex flex-wrap items-center gap-3">
            <span className="font-medium">{h.name}</span>
            <HostStatusBadge status={h.status} />
            {h.engineVersion ? <span className="text-xs text-slate-500">Docker {h.engineVersion}</span> : null}
            <span
              className="text-xs text-slate-500"
              title={
                h.networkMode === "none"
                  ? "Jobs have no network; the SDK logs through a file"
                  : "Jobs share the host machine's network"
              }
            >
              network {h.networkMode}
            </span>
            <span className="text-xs text-slate-500">
              default per job: {h.defaultCpu} CPU, {formatBytes(h.defaultMemoryBytes)}
            </span>
            <span className="flex flex-wrap gap-1">
              {Object.entries(h.labels).map(([k, v]) => (
                <span key={k} className="rounded bg-slate-100 px-1.5 text-[11px] text-slate-600">
                  {k}={v}
                </span>
              ))}
            </span>
          </div>
          <HostCapacity host={h} />
          {h.lastError && h.status === "Offline" ? (
            <p className="mt-1 text-xs text-red-700">Last error: {h.lastError}</p>
          ) : null}
          {h.runs.length ? (
            <ul className="mt-2 flex flex-wrap gap-2 text-xs" aria-label={`Runs on ${h.name}`}>
              {h.runs.map((r) => (
                <li key={r.id} className="flex items-center gap-1">
                  <Link className="text-sky-700 hover:underline" href={`/w/${workspaceId}/runs/${r.id}`}>
                    {r.displayName}
                  </Link>
                  <RunStatusBadge status={r.status as never} />
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
