"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatTime } from "../runs/format";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { ConfirmButton } from "../ui/confirm-button";
import { errorMessage } from "../ui/error-message";
import { MarkdownText } from "../ui/markdown";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { BatchDeploymentsTable } from "./batch-deployments-table";
import { BatchJobsTable } from "./batch-jobs-table";
import { CreateBatchDeploymentForm } from "./create-batch-deployment-form";
import { endpointsHref } from "./endpoint-links";
import { InvokeBatchEndpointForm } from "./invoke-batch-endpoint-form";

/** One batch endpoint: its deployments, a form to invoke it and its invocations with their progress. */
export function BatchEndpointPage({ name }: { name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("endpoint:write");
  const canInvoke = useCan("batchEndpoint:invoke");
  const [isAdding, setIsAdding] = useState(false);
  const endpoint = useQuery(trpc.batchEndpoints.byName.queryOptions({ workspaceId, name }));
  const remove = useMutation(
    trpc.batchEndpoints.delete.mutationOptions({ onSuccess: () => router.push(endpointsHref(workspaceId)) }),
  );
  if (endpoint.isPending) return <p className="text-sm text-slate-500">Loading batch endpoint…</p>;
  if (endpoint.isError) return <Notice tone="error">{errorMessage(endpoint.error)}</Notice>;
  const e = endpoint.data;

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="text-sm text-slate-500">
            <Link className="text-sky-700 hover:underline" href={endpointsHref(workspaceId)}>
              Endpoints
            </Link>{" "}
            / batch
          </p>
          <h1 className="mt-1 text-2xl font-semibold">{e.name}</h1>
          <p className="text-xs text-slate-500">Created {formatTime(e.createdAt)}</p>
        </div>
        {canWrite ? (
          <ConfirmButton
            label="Delete endpoint"
            title={`Delete ${e.name}?`}
            question={`Its ${e.deployments.length} deployment(s) go with it; its jobs and their outputs stay.`}
            onConfirm={() => remove.mutate({ workspaceId, name: e.name })}
          />
        ) : null}
      </div>
      {remove.error ? <Notice tone="error">{errorMessage(remove.error)}</Notice> : null}
      {e.description ? (
        <Section title="Description">
          <MarkdownText text={e.description} />
        </Section>
      ) : null}
      <Section
        title="Deployments"
        description="Each pins a model version with its scoring code; invocations naming none use the default."
        actions={canWrite && !isAdding ? <Button onClick={() => setIsAdding(true)}>Create deployment</Button> : null}
      >
        <div className="space-y-6">
          {e.deployments.length === 0 ? (
            <p className="text-sm text-slate-500">
              No deployments yet: the endpoint cannot be invoked until it has one.
            </p>
          ) : (
            <BatchDeploymentsTable endpointName={e.name} deployments={e.deployments} />
          )}
          {isAdding ? (
            <div className="border-t border-slate-100 pt-4">
              <CreateBatchDeploymentForm endpointName={e.name} onDone={() => setIsAdding(false)} />
            </div>
          ) : null}
        </div>
      </Section>
      {canInvoke && e.deployments.length > 0 ? (
        <Section title="Invoke" description="Score a data asset version; the job runs on the deployment's compute.">
          <InvokeBatchEndpointForm endpointName={e.name} deployments={e.deployments} />
        </Section>
      ) : null}
      <Section title="Invocations" description="Mini-batches done and failed, refreshed while a job runs.">
        <BatchJobsTable endpointName={e.name} />
      </Section>
    </div>
  );
}
