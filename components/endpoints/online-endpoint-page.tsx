"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { ConfirmButton } from "../ui/confirm-button";
import { errorMessage } from "../ui/error-message";
import { MarkdownText } from "../ui/markdown";
import { Notice } from "../ui/notice";
import { TabBar } from "../ui/tab-bar";
import { OnlineDeploymentLogs } from "./online-deployment-logs";
import { OnlineDeploymentsSection } from "./online-deployments-section";
import { OnlineEndpointOverview } from "./online-endpoint-overview";
import { OnlineMonitoring } from "./online-monitoring";
import { OnlineTestPanel } from "./online-test-panel";
import { OnlineTrafficEditor } from "./online-traffic-editor";

const TABS = ["Overview", "Deployments", "Traffic", "Test", "Monitoring", "Logs"] as const;
type TTab = (typeof TABS)[number];

/** One online endpoint: how to call it, its deployments and their traffic, a test console, its monitoring and its consoles. */
export function OnlineEndpointPage({ name }: { name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("endpoint:write");
  const [tab, setTab] = useState<TTab>("Overview");
  // Deployments move through Creating → Ready on their own; the page follows them.
  const endpoint = useQuery({
    ...trpc.endpoints.byName.queryOptions({ workspaceId, endpointName: name }),
    refetchInterval: 3000,
  });
  const remove = useMutation(
    trpc.endpoints.delete.mutationOptions({ onSuccess: () => router.push(`/w/${workspaceId}/endpoints`) }),
  );
  if (endpoint.isPending) return <p className="text-sm text-slate-500">Loading endpoint…</p>;
  if (endpoint.isError) return <Notice tone="error">{errorMessage(endpoint.error)}</Notice>;
  const e = endpoint.data;
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="text-sm text-slate-500">
            <Link className="text-sky-700 hover:underline" href={`/w/${workspaceId}/endpoints`}>
              Endpoints
            </Link>{" "}
            / online
          </p>
          <h1 className="mt-1 text-2xl font-semibold">{e.name}</h1>
          {e.description ? (
            <div className="mt-1 text-sm text-slate-600">
              <MarkdownText text={e.description} />
            </div>
          ) : null}
        </div>
        {canWrite ? (
          <ConfirmButton
            label="Delete endpoint"
            title={`Delete ${e.name}?`}
            question={`The endpoint, its ${e.deployments.length} deployment(s) and their instances are removed; its URL stops answering.`}
            onConfirm={() => remove.mutate({ workspaceId, endpointName: e.name })}
          />
        ) : null}
      </div>
      {remove.error ? <Notice tone="error">{errorMessage(remove.error)}</Notice> : null}
      <TabBar label="Endpoint views" tabs={TABS} current={tab} onSelect={setTab} />
      <div role="tabpanel" aria-label={tab}>
        {tab === "Overview" ? <OnlineEndpointOverview endpoint={e} /> : null}
        {tab === "Deployments" ? <OnlineDeploymentsSection endpoint={e} /> : null}
        {tab === "Traffic" ? (
          <OnlineTrafficEditor key={e.deployments.map((d) => d.name).join(",")} endpoint={e} />
        ) : null}
        {tab === "Test" ? <OnlineTestPanel endpoint={e} /> : null}
        {tab === "Monitoring" ? <OnlineMonitoring endpoint={e} /> : null}
        {tab === "Logs" ? <OnlineDeploymentLogs endpoint={e} /> : null}
      </div>
    </div>
  );
}
