"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { CreateTargetForm } from "./create-target-form";
import { SharedHostList } from "./shared-host-list";

export function ComputePage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canManage = useCan("compute:manage");
  const targets = useQuery(trpc.compute.targets.queryOptions({ workspaceId }));
  const invalidate = () => void queryClient.invalidateQueries(trpc.compute.pathFilter());
  const remove = useMutation(trpc.compute.deleteTarget.mutationOptions({ onSuccess: invalidate }));

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold">Compute</h1>
      <Section
        title="Docker hosts"
        description="Shared with this workspace by the site's administrators. Capacity is what active runs and endpoint instances requested of each host."
      >
        <SharedHostList />
      </Section>
      <Section
        title="Compute targets"
        description="A job's compute: names a target (shared hosts chosen by label) or a single shared host."
      >
        {targets.data?.length ? (
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1">Name</th>
                <th>Selector</th>
                <th>Hosts</th>
                <th>Priority</th>
                <th>Max runs</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {targets.data.map((t) => (
                <tr key={t.id} className="border-t border-slate-100">
                  <td className="py-1.5 font-medium">{t.name}</td>
                  <td className="font-mono text-xs">
                    {Object.entries(t.selector)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(", ") || "all shared hosts"}
                  </td>
                  <td>{t.hostNames.join(", ") || "none match"}</td>
                  <td>{t.priority}</td>
                  <td>{t.maxConcurrentRuns ?? "—"}</td>
                  <td className="text-right">
                    {canManage ? (
                      <Button
                        variant="ghost"
                        aria-label={`Delete target ${t.name}`}
                        onClick={() => remove.mutate({ workspaceId, targetId: t.id })}
                      >
                        Delete
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-500">No compute targets; jobs can name a shared host directly.</p>
        )}
        {remove.error ? <Notice tone="error">{errorMessage(remove.error)}</Notice> : null}
        {canManage ? <CreateTargetForm onCreated={invalidate} /> : null}
      </Section>
    </div>
  );
}
