"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatTime } from "../runs/format";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { OnlineCreateEndpointForm } from "./online-create-endpoint-form";
import { onlineEndpointHref } from "./endpoint-links";
import { OnlineStateBadge } from "./online-state-badge";

/** The workspace's online endpoints with their deployments' states and traffic, and a form for a new one. */
export function OnlineEndpointsSection() {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("endpoint:write");
  const [isCreating, setIsCreating] = useState(false);
  const endpoints = useQuery({ ...trpc.endpoints.list.queryOptions({ workspaceId }), refetchInterval: 10_000 });
  return (
    <Section
      title="Online endpoints"
      description="Real-time scoring over HTTP: a stable URL, keys or tokens, deployments that share its traffic."
      actions={
        canWrite && !isCreating ? <Button onClick={() => setIsCreating(true)}>Create online endpoint</Button> : null
      }
    >
      <div className="space-y-4">
        {isCreating ? <OnlineCreateEndpointForm onDone={() => setIsCreating(false)} /> : null}
        {endpoints.isPending ? <p className="text-sm text-slate-500">Loading online endpoints…</p> : null}
        {endpoints.isError ? <Notice tone="error">{errorMessage(endpoints.error)}</Notice> : null}
        {endpoints.data?.length === 0 ? (
          <p className="text-sm text-slate-500">
            No online endpoints yet.{" "}
            {canWrite ? "Create one, then deploy a registered model to it." : "Contributors can create one."}
          </p>
        ) : null}
        {endpoints.data?.length ? (
          <table aria-label="Online endpoints" className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-3">Name</th>
                <th className="py-2 pr-3">Auth</th>
                <th className="py-2 pr-3">Scoring URL</th>
                <th className="py-2 pr-3">Deployments (traffic)</th>
                <th className="py-2">Created</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.data.map((e) => (
                <tr key={e.id} className="border-b border-slate-100 align-top last:border-0">
                  <td className="py-2 pr-3">
                    <Link
                      className="font-medium text-sky-700 hover:underline"
                      href={onlineEndpointHref(workspaceId, e.name)}
                    >
                      {e.name}
                    </Link>
                    {e.description ? <p className="text-xs text-slate-500">{e.description}</p> : null}
                  </td>
                  <td className="py-2 pr-3">{e.auth_mode}</td>
                  <td className="py-2 pr-3 font-mono text-xs break-all">{e.scoring_uri}</td>
                  <td className="py-2 pr-3">
                    {e.deployments.length === 0 ? <span className="text-slate-500">none</span> : null}
                    <ul className="space-y-1">
                      {e.deployments.map((d) => (
                        <li key={d.name} className="flex items-center gap-2">
                          <span>{d.name}</span>
                          <OnlineStateBadge state={d.state} />
                          <span className="text-xs text-slate-600">{e.traffic[d.name] ?? 0}%</span>
                          {e.mirror_traffic[d.name] ? (
                            <span className="text-xs text-slate-500">mirror {e.mirror_traffic[d.name]}%</span>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="py-2 text-slate-600">{formatTime(e.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </Section>
  );
}
