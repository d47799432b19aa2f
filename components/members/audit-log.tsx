"use client";

import { useQuery } from "@tanstack/react-query";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";

function describe(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : String(v)}`)
    .join(" · ");
}

export function AuditLog() {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const events = useQuery(trpc.audit.list.queryOptions({ workspaceId, limit: 50 }));
  if (!events.data) return <p className="text-sm text-slate-500">Loading audit log…</p>;
  if (!events.data.items.length) return <p className="text-sm text-slate-500">Nothing recorded yet.</p>;
  return (
    <table className="w-full text-left text-sm" aria-label="Audit log">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1 font-medium">When</th>
          <th className="py-1 font-medium">Who</th>
          <th className="py-1 font-medium">What</th>
          <th className="py-1 font-medium">Details</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {events.data.items.map((e) => (
          <tr key={e.id}>
            <td className="whitespace-nowrap py-1.5 text-slate-500">{new Date(e.createdAt).toLocaleString()}</td>
            <td className="py-1.5">{e.actorEmail}</td>
            <td className="py-1.5 font-mono text-xs">{e.action}</td>
            <td className="py-1.5 text-slate-600">{describe(e.details)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
