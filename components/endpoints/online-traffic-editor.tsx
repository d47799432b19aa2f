"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { SelectField, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { trafficChange, trafficDraft } from "./online-traffic";
import type { TOnlineEndpoint } from "./online-types";

/** Live traffic weights and one mirrored deployment; Readers see the split without the form. */
export function OnlineTrafficEditor({ endpoint }: { endpoint: TOnlineEndpoint }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("endpoint:write");
  const names = endpoint.deployments.map((d) => d.name);
  const [draft, setDraft] = useState(() => trafficDraft(names, endpoint.traffic, endpoint.mirror_traffic));
  const [checkError, setCheckError] = useState<string | null>(null);
  const update = useMutation(
    trpc.endpoints.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.endpoints.byName.queryKey() }),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = trafficChange(draft);
    if ("error" in checked) {
      setCheckError(checked.error);
      return;
    }
    setCheckError(null);
    update.mutate({ workspaceId, endpointName: endpoint.name, ...checked.change });
  };
  if (names.length === 0)
    return (
      <Section title="Traffic">
        <p className="text-sm text-slate-500">Create a deployment first; traffic is split among deployments.</p>
      </Section>
    );
  const sum = Object.values(draft.weights).reduce((a, w) => a + (Number(w) || 0), 0);
  return (
    <Section
      title="Traffic"
      description="Whole percents summing to 100 (or all 0); a mirror copies up to 50 % of requests to a deployment without live traffic and drops its answers."
    >
      <form aria-label="Traffic" onSubmit={submit} className="space-y-4">
        <div className="grid gap-3 sm:grid-cols-3">
          {names.map((name) => (
            <TextField
              key={name}
              label={`Traffic to ${name} (%)`}
              type="number"
              min={0}
              max={100}
              step={1}
              disabled={!canWrite}
              value={draft.weights[name] ?? "0"}
              onChange={(e) => setDraft({ ...draft, weights: { ...draft.weights, [name]: e.target.value } })}
            />
          ))}
        </div>
        <p className={`text-sm ${sum === 0 || sum === 100 ? "text-slate-600" : "text-amber-700"}`}>Total: {sum}%</p>
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField
            label="Mirror deployment"
            disabled={!canWrite}
            value={draft.mirror.deployment}
            onChange={(e) => setDraft({ ...draft, mirror: { ...draft.mirror, deployment: e.target.value } })}
          >
            <option value="">none</option>
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Mirror percent"
            type="number"
            min={0}
            max={50}
            disabled={!canWrite || !draft.mirror.deployment}
            value={draft.mirror.percent}
            onChange={(e) => setDraft({ ...draft, mirror: { ...draft.mirror, percent: e.target.value } })}
          />
        </div>
        {checkError ? <Notice tone="error">{checkError}</Notice> : null}
        {update.error ? <Notice tone="error">{errorMessage(update.error)}</Notice> : null}
        {update.isSuccess && !checkError ? <Notice tone="success">Traffic saved.</Notice> : null}
        {canWrite ? (
          <Button type="submit" disabled={update.isPending}>
            Save traffic
          </Button>
        ) : null}
      </form>
    </Section>
  );
}
