"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import { modelVersionHref } from "../models/model-links";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { ConfirmButton } from "../ui/confirm-button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { splitVersionRef } from "./endpoint-links";

type TDeployment = inferRouterOutputs<AppRouter>["batchEndpoints"]["byName"]["deployments"][number];

/** An endpoint's deployments with their settings; who may change endpoints sets the default or deletes one. */
export function BatchDeploymentsTable({
  endpointName,
  deployments,
}: {
  endpointName: string;
  deployments: TDeployment[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("endpoint:write");
  const refresh = () => void queryClient.invalidateQueries(trpc.batchEndpoints.pathFilter());
  const setDefault = useMutation(trpc.batchEndpoints.setDefault.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.batchEndpoints.deleteDeployment.mutationOptions({ onSettled: refresh }));
  const failure = setDefault.error ?? remove.error;

  return (
    <div className="space-y-3">
      {failure ? <Notice tone="error">{errorMessage(failure)}</Notice> : null}
      {/* Narrow windows scroll the table rather than cut the actions off. */}
      <div className="overflow-x-auto">
        <table aria-label="Deployments" className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2 pr-3">Name</th>
              <th className="py-2 pr-3">Model version</th>
              <th className="py-2 pr-3">Environment, compute</th>
              <th className="py-2 pr-3 text-right">mini_batch_size</th>
              <th className="py-2 pr-3 text-right">Instances</th>
              <th className="py-2 pr-3 text-right">Retries</th>
              <th className="py-2 pr-3 text-right">error_threshold</th>
              <th className="py-2 pr-3">output_action</th>
              {canWrite ? <th className="py-2" /> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {deployments.map((d) => {
              const model = splitVersionRef(d.model);
              return (
                <tr key={d.name}>
                  <td className="py-2 pr-3">
                    <span className="font-medium">{d.name}</span>
                    {d.isDefault ? (
                      <span className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-[11px] font-medium text-sky-800">
                        default
                      </span>
                    ) : null}
                    <p className="text-xs text-slate-500">
                      {d.scoringScript}, {d.codeFileCount} file(s)
                    </p>
                  </td>
                  <td className="py-2 pr-3 font-mono text-xs">
                    {model ? (
                      <Link
                        className="text-sky-700 hover:underline"
                        href={modelVersionHref(workspaceId, model.name, model.version)}
                      >
                        {d.model}
                      </Link>
                    ) : (
                      d.model
                    )}
                    {d.modelRef !== d.model ? <p className="text-slate-500">as {d.modelRef}</p> : null}
                  </td>
                  <td className="py-2 pr-3 text-xs">
                    <span className="font-mono">{d.environment}</span>
                    <p className="text-slate-500">on {d.compute}</p>
                  </td>
                  <td className="py-2 pr-3 text-right font-mono text-xs">{d.miniBatchSize}</td>
                  <td className="py-2 pr-3 text-right font-mono text-xs">{d.instanceCount}</td>
                  <td className="py-2 pr-3 text-right font-mono text-xs">
                    {d.retrySettings.maxRetries} × {d.retrySettings.timeoutS}s
                  </td>
                  <td className="py-2 pr-3 text-right font-mono text-xs">{d.errorThreshold}</td>
                  <td className="py-2 pr-3 font-mono text-xs">
                    {d.outputAction}
                    {d.outputAction === "append_row" ? <p className="text-slate-500">{d.outputFileName}</p> : null}
                  </td>
                  {canWrite ? (
                    <td className="py-2 text-right">
                      <span className="flex justify-end gap-1">
                        {d.isDefault ? null : (
                          <Button
                            variant="secondary"
                            aria-label={`Make ${d.name} the default`}
                            onClick={() => setDefault.mutate({ workspaceId, endpointName, name: d.name })}
                          >
                            Set default
                          </Button>
                        )}
                        <ConfirmButton
                          label="Delete"
                          ariaLabel={`Delete deployment ${d.name}`}
                          title={`Delete deployment ${d.name}?`}
                          question="Its invocations and their outputs stay; new invocations can no longer use it."
                          onConfirm={() => remove.mutate({ workspaceId, endpointName, name: d.name })}
                        />
                      </span>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
