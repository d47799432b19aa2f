"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { SelectField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import type { TOnlineEndpoint } from "./online-types";

/** The tail of a deployment's instances' consoles, read on demand. */
export function OnlineDeploymentLogs({ endpoint }: { endpoint: TOnlineEndpoint }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const [name, setName] = useState(endpoint.deployments[0]?.name ?? "");
  const logs = useQuery({
    ...trpc.endpoints.deploymentLogs.queryOptions({ workspaceId, endpointName: endpoint.name, name, lines: 200 }),
    enabled: name !== "",
  });
  return (
    <Section
      title="Logs"
      description="The last 200 lines of each instance's console."
      actions={
        <div className="flex items-end gap-2">
          <div className="w-48">
            <SelectField label="Deployment logs" value={name} onChange={(e) => setName(e.target.value)}>
              {endpoint.deployments.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name}
                </option>
              ))}
            </SelectField>
          </div>
          <Button variant="secondary" onClick={() => void logs.refetch()} disabled={logs.isFetching}>
            Refresh
          </Button>
        </div>
      }
    >
      {logs.isError ? <Notice tone="error">{errorMessage(logs.error)}</Notice> : null}
      {logs.data?.length === 0 ? <p className="text-sm text-slate-500">No instances.</p> : null}
      <div className="space-y-3">
        {logs.data?.map((instance) => (
          <figure key={instance.instanceId}>
            <figcaption className="mb-1 text-xs text-slate-500">
              instance {instance.instanceId.slice(-8)} · generation {instance.generation} · {instance.state}
            </figcaption>
            <pre
              aria-label={`Console of instance ${instance.instanceId.slice(-8)}`}
              className="max-h-72 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs whitespace-pre-wrap text-slate-100"
            >
              {instance.text || "(no output yet)"}
            </pre>
          </figure>
        ))}
      </div>
    </Section>
  );
}
