"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { ModelRefPicker, modelChoiceOf, modelRef } from "./model-ref-picker";
import { OnlineModelTypeHint } from "./online-model-type-hint";
import type { TOnlineDeployment } from "./online-types";

const SCORE_TEMPLATE = `import json

def init():
    pass

def run(raw_data):
    return {"echo": json.loads(raw_data)}
`;

/**
 * A new deployment, or a change to one (model and instance count). Without a score.py an
 * mlflow_model is served by its pyfunc flavour; any other model needs one.
 */
export function OnlineDeploymentForm({
  endpointName,
  deployment,
  onDone,
}: {
  endpointName: string;
  deployment?: TOnlineDeployment;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const [name, setName] = useState("");
  const [model, setModel] = useState(deployment?.model ?? "");
  const [instances, setInstances] = useState(String(deployment?.instance_count ?? 1));
  const [timeoutMs, setTimeoutMs] = useState("5000");
  const [concurrency, setConcurrency] = useState("1");
  const [script, setScript] = useState("");
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.endpoints.byName.queryKey() });
    onDone();
  };
  const create = useMutation(trpc.endpoints.createDeployment.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(trpc.endpoints.updateDeployment.mutationOptions({ onSuccess: refresh }));
  const error = create.error ?? update.error;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (deployment) {
      update.mutate({
        workspaceId,
        endpointName,
        name: deployment.name,
        ...(model !== deployment.model ? { model } : {}),
        instance_count: Number(instances),
      });
      return;
    }
    create.mutate({
      workspaceId,
      endpointName,
      name: name.trim(),
      model,
      instance_count: Number(instances),
      request_settings: {
        request_timeout_ms: Number(timeoutMs),
        max_concurrent_requests_per_instance: Number(concurrency),
      },
      code_configuration: script.trim() ? { code: { "score.py": script }, scoring_script: "score.py" } : undefined,
    });
  };
  const title = deployment ? `Update ${deployment.name}` : "Create deployment";
  return (
    <form aria-label={title} onSubmit={submit} className="space-y-3 rounded border border-slate-200 bg-slate-50 p-4">
      <h3 className="text-sm font-semibold">{title}</h3>
      {deployment ? null : (
        <TextField label="Deployment name" required value={name} onChange={(e) => setName(e.target.value)} />
      )}
      <ModelRefPicker value={modelChoiceOf(model)} onChange={(choice) => setModel(modelRef(choice))} />
      {model ? <OnlineModelTypeHint choice={modelChoiceOf(model)} /> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label="Instance count"
          type="number"
          min={1}
          max={20}
          required
          value={instances}
          onChange={(e) => setInstances(e.target.value)}
        />
        {deployment ? null : (
          <>
            <TextField
              label="Request timeout (ms)"
              type="number"
              min={100}
              max={180000}
              value={timeoutMs}
              onChange={(e) => setTimeoutMs(e.target.value)}
            />
            <TextField
              label="Max concurrent requests per instance"
              type="number"
              min={1}
              max={1000}
              value={concurrency}
              onChange={(e) => setConcurrency(e.target.value)}
            />
          </>
        )}
      </div>
      {deployment ? null : (
        <div>
          <label htmlFor="score-py" className="block text-sm font-medium text-slate-700">
            score.py (optional for an mlflow_model)
          </label>
          <textarea
            id="score-py"
            rows={8}
            spellCheck={false}
            placeholder={SCORE_TEMPLATE}
            value={script}
            onChange={(e) => setScript(e.target.value)}
            className="mt-1 block w-full rounded border border-slate-300 bg-white p-2 font-mono text-xs"
          />
        </div>
      )}
      {deployment ? (
        <p className="text-xs text-slate-500">
          A new model rolls the instances one by one; requests keep being answered.
        </p>
      ) : null}
      {error ? <Notice tone="error">{errorMessage(error)}</Notice> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={create.isPending || update.isPending || !model}>
          {deployment ? "Update" : "Create"}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
