"use client";

import { useState } from "react";
import { LogConsole } from "../logs/log-console";
import { useLogStream } from "../logs/use-log-stream";
import { useWorkspace } from "../shell/workspace-context";
import { SelectField } from "../ui/field";
import { Section } from "../ui/section";
import { OnlineStateBadge } from "./online-state-badge";
import type { TOnlineEndpoint } from "./online-types";

/** A deployment's instances' consoles, live, in the run console's viewer; each line names its instance. */
export function OnlineDeploymentLogs({ endpoint }: { endpoint: TOnlineEndpoint }) {
  const { id: workspaceId } = useWorkspace();
  const [name, setName] = useState(endpoint.deployments[0]?.name ?? "");
  const [status, setStatus] = useState<string | null>(null);
  const url =
    name === ""
      ? null
      : `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/online-endpoints/${encodeURIComponent(endpoint.name)}/deployments/${encodeURIComponent(name)}/logs/stream`;
  const console_ = useLogStream(url, setStatus);
  if (name === "")
    return (
      <Section title="Logs">
        <p className="text-sm text-slate-500">No deployments yet.</p>
      </Section>
    );
  return (
    <Section
      title="Logs"
      description="The build of the deployment's image, then the console of each instance: the last lines of those running, then live. Lines are tagged with their instance, or build."
      actions={
        <div className="flex items-end gap-3">
          {status ? <OnlineStateBadge state={status} /> : null}
          <div className="w-48">
            <SelectField label="Deployment logs" value={name} onChange={(e) => setName(e.target.value)}>
              {endpoint.deployments.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name}
                </option>
              ))}
            </SelectField>
          </div>
        </div>
      }
    >
      <LogConsole lines={console_.lines} state={console_.state} endedLabel="deployment deleted" />
    </Section>
  );
}
