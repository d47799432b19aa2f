"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { modelVersionHref } from "../models/model-links";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { ConfirmButton } from "../ui/confirm-button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { OnlineDeploymentForm } from "./online-deployment-form";
import { OnlineStateBadge } from "./online-state-badge";
import type { TOnlineEndpoint } from "./online-types";

/** The endpoint's deployments: what each serves, how many of its instances are ready, and its share of traffic. */
export function OnlineDeploymentsSection({ endpoint }: { endpoint: TOnlineEndpoint }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("endpoint:write");
  const [editing, setEditing] = useState<string | null>(null);
  const remove = useMutation(
    trpc.endpoints.deleteDeployment.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.endpoints.byName.queryKey() }),
    }),
  );
  const editedDeployment = endpoint.deployments.find((d) => d.name === editing);
  return (
    <Section
      title="Deployments"
      description="Each deployment runs its own instances; the endpoint's traffic decides who answers."
      actions={canWrite && editing === null ? <Button onClick={() => setEditing("")}>Create deployment</Button> : null}
    >
      <div className="space-y-4">
        {editing === "" ? <OnlineDeploymentForm endpointName={endpoint.name} onDone={() => setEditing(null)} /> : null}
        {editedDeployment ? (
          <OnlineDeploymentForm
            key={editedDeployment.name}
            endpointName={endpoint.name}
            deployment={editedDeployment}
            onDone={() => setEditing(null)}
          />
        ) : null}
        {remove.error ? <Notice tone="error">{errorMessage(remove.error)}</Notice> : null}
        {endpoint.deployments.length === 0 ? (
          <p className="text-sm text-slate-500">No deployments yet.</p>
        ) : (
          <table aria-label="Deployments" className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-3">Name</th>
                <th className="py-2 pr-3">Model</th>
                <th className="py-2 pr-3">Instances</th>
                <th className="py-2 pr-3">State</th>
                <th className="py-2 pr-3">Traffic</th>
                <th className="py-2 pr-3">Mirror</th>
                {canWrite ? <th className="py-2" /> : null}
              </tr>
            </thead>
            <tbody>
              {endpoint.deployments.map((d) => {
                const ready = d.instances.filter((i) => i.state === "Ready").length;
                return (
                  <tr key={d.id} aria-label={d.name} className="border-b border-slate-100 align-top last:border-0">
                    <td className="py-2 pr-3 font-medium">{d.name}</td>
                    <td className="py-2 pr-3">
                      <Link
                        className="text-sky-700 hover:underline"
                        href={modelVersionHref(workspaceId, d.model_version.name, d.model_version.version)}
                      >
                        {d.model_version.name}:{d.model_version.version}
                      </Link>
                      {d.model !== `${d.model_version.name}:${d.model_version.version}` ? (
                        <p className="text-xs text-slate-500">as {d.model}</p>
                      ) : null}
                      <p className="text-xs text-slate-500">
                        {d.code_configuration ? d.code_configuration.scoring_script : "MLflow pyfunc, no score.py"}
                      </p>
                    </td>
                    <td className="py-2 pr-3">
                      {ready}/{d.instance_count} ready
                      <ul aria-label={`Instances of ${d.name}`} className="mt-1 space-y-0.5 text-xs text-slate-500">
                        {d.instances.map((i) => (
                          <li key={i.id} title={i.lastError ?? undefined}>
                            {i.host ?? "a deleted host"}: {i.state.toLowerCase()}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="py-2 pr-3">
                      <OnlineStateBadge state={d.state} />
                      {d.error ? <p className="mt-1 max-w-xs text-xs text-red-700">{d.error}</p> : null}
                      {d.message ? <p className="mt-1 max-w-xs text-xs text-slate-500">{d.message}</p> : null}
                    </td>
                    <td className="py-2 pr-3">{endpoint.traffic[d.name] ?? 0}%</td>
                    <td className="py-2 pr-3">{endpoint.mirror_traffic[d.name] ?? 0}%</td>
                    {canWrite ? (
                      <td className="py-2">
                        <div className="flex justify-end gap-2">
                          <Button variant="secondary" onClick={() => setEditing(d.name)}>
                            Update
                          </Button>
                          <ConfirmButton
                            label="Delete"
                            ariaLabel={`Delete deployment ${d.name}`}
                            title={`Delete deployment ${d.name}?`}
                            question="Its instances stop. A deployment that takes live traffic is refused: move its traffic first."
                            onConfirm={() => remove.mutate({ workspaceId, endpointName: endpoint.name, name: d.name })}
                          />
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </Section>
  );
}
