"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { TPickedFile } from "../data/picked-files";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { SelectField, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { BatchSettingsFields, DEFAULT_BATCH_SETTINGS } from "./batch-settings-fields";
import { modelRef, ModelRefPicker, type TModelChoice } from "./model-ref-picker";
import { packCodeFolder } from "./pack-code-folder";
import { ScoringCodeField } from "./scoring-code-field";

// The curated environment a deployment naming none runs in.
const DEFAULT_ENVIRONMENT = "crucible-sklearn";

/** Adds a deployment: a model from the registry, an environment, compute, scoring code and its settings. */
export function CreateBatchDeploymentForm({ endpointName, onDone }: { endpointName: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const environments = useQuery(trpc.environments.list.queryOptions({ workspaceId }));
  const targets = useQuery(trpc.compute.targets.queryOptions({ workspaceId }));
  const hosts = useQuery(trpc.compute.hosts.queryOptions({ workspaceId }));
  const computes = [...(targets.data ?? []).map((t) => t.name), ...(hosts.data ?? []).map((h) => h.name)];
  const [name, setName] = useState("");
  const [model, setModel] = useState<TModelChoice>({ name: "", version: "latest" });
  const [environment, setEnvironment] = useState(DEFAULT_ENVIRONMENT);
  const [compute, setCompute] = useState("");
  const [files, setFiles] = useState<TPickedFile[]>([]);
  const [scoringScript, setScoringScript] = useState("");
  const [settings, setSettings] = useState(DEFAULT_BATCH_SETTINGS);
  const [isDefault, setIsDefault] = useState(false);
  const [packError, setPackError] = useState<string | null>(null);
  const create = useMutation(
    trpc.batchEndpoints.createDeployment.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.batchEndpoints.pathFilter());
        onDone();
      },
    }),
  );
  const chosenCompute = compute || computes[0] || "";

  const submit = async () => {
    setPackError(null);
    let codeArchive: string;
    try {
      codeArchive = await packCodeFolder(
        await Promise.all(
          files.map(async (f) => ({ path: f.path, content: new Uint8Array(await f.file.arrayBuffer()) })),
        ),
      );
    } catch (error) {
      setPackError(`The scoring code could not be packed: ${errorMessage(error)}`);
      return;
    }
    create.mutate({
      workspaceId,
      endpointName,
      name,
      model: modelRef(model),
      environment,
      compute: chosenCompute,
      codeArchive,
      scoringScript,
      isDefault: isDefault || undefined,
      ...settings,
    });
  };

  return (
    <form
      aria-label="Create deployment"
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label="Deployment name" required value={name} onChange={(e) => setName(e.target.value)} />
        <SelectField label="Environment" value={environment} onChange={(e) => setEnvironment(e.target.value)}>
          {environments.data?.some((env) => env.name === DEFAULT_ENVIRONMENT) ? null : (
            <option value={DEFAULT_ENVIRONMENT}>{DEFAULT_ENVIRONMENT}</option>
          )}
          {environments.data?.map((env) => (
            <option key={env.id} value={env.name}>
              {env.name}
              {env.isCurated ? " (curated)" : ""}
            </option>
          ))}
        </SelectField>
        <SelectField label="Compute" required value={chosenCompute} onChange={(e) => setCompute(e.target.value)}>
          {computes.length === 0 ? <option value="">No compute shared with this workspace</option> : null}
          {computes.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
      </div>
      <ModelRefPicker value={model} onChange={setModel} />
      <ScoringCodeField
        files={files}
        onFiles={setFiles}
        scoringScript={scoringScript}
        onScoringScript={setScoringScript}
        isDisabled={create.isPending}
      />
      <BatchSettingsFields value={settings} onChange={setSettings} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} />
        Make it the default deployment (the endpoint&apos;s first deployment always is)
      </label>
      {packError ? <Notice tone="error">{packError}</Notice> : null}
      {create.error ? <Notice tone="error">{errorMessage(create.error)}</Notice> : null}
      <div className="flex gap-2">
        <Button
          type="submit"
          disabled={create.isPending || !name.trim() || !model.name || !scoringScript || !chosenCompute}
        >
          {create.isPending ? "Creating…" : "Create deployment"}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
