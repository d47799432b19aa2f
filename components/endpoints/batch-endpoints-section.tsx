"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { modelVersionHref } from "../models/model-links";
import { formatTime } from "../runs/format";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { CreateBatchEndpointForm } from "./create-batch-endpoint-form";
import { batchEndpointHref, splitVersionRef } from "./endpoint-links";
import { LastInvocationStatus } from "./last-invocation-status";

/** Batch endpoints: each scores whole data asset versions with its default deployment's model. */
export function BatchEndpointsSection() {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("endpoint:write");
  const endpoints = useQuery(trpc.batchEndpoints.list.queryOptions({ workspaceId }));

  return (
    <Section
      title="Batch endpoints"
      description="Score every file of a data asset version with a registered model; the predictions become a new data asset version."
    >
      <div className="space-y-6">
        {endpoints.isError ? <Notice tone="error">{errorMessage(endpoints.error)}</Notice> : null}
        {endpoints.isPending ? (
          <p className="text-sm text-slate-500">Loading batch endpoints…</p>
        ) : endpoints.data?.length === 0 ? (
          <p className="text-sm text-slate-500">
            No batch endpoints yet.{" "}
            {canWrite ? "Create one below, then add a deployment to it." : "A Contributor can create one."}
          </p>
        ) : (
          <table aria-label="Batch endpoints" className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-3">Name</th>
                <th className="py-2 pr-3">Default deployment</th>
                <th className="py-2 pr-3">Model version</th>
                <th className="py-2 pr-3">Last invocation</th>
                <th className="py-2">Created</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {endpoints.data?.map((e) => {
                const deployment = e.deployments.find((d) => d.isDefault);
                const model = deployment ? splitVersionRef(deployment.model) : null;
                return (
                  <tr key={e.name}>
                    <td className="py-2 pr-3">
                      <Link
                        className="font-medium text-sky-700 hover:underline"
                        href={batchEndpointHref(workspaceId, e.name)}
                      >
                        {e.name}
                      </Link>
                      {e.description ? (
                        <p className="max-w-xs truncate text-xs text-slate-500">{e.description.split("\n")[0]}</p>
                      ) : null}
                    </td>
                    <td className="py-2 pr-3">
                      {deployment?.name ?? <span className="text-slate-400">no deployment</span>}
                    </td>
                    <td className="py-2 pr-3 font-mono text-xs">
                      {deployment && model ? (
                        <Link
                          className="text-sky-700 hover:underline"
                          href={modelVersionHref(workspaceId, model.name, model.version)}
                        >
                          {deployment.model}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="py-2 pr-3">
                      <LastInvocationStatus endpointName={e.name} />
                    </td>
                    <td className="py-2 text-xs text-slate-600">{formatTime(e.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {canWrite ? (
          <div className="border-t border-slate-100 pt-4">
            <CreateBatchEndpointForm />
          </div>
        ) : null}
      </div>
    </Section>
  );
}
