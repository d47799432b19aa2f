"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { SelectField, TextField } from "../ui/field";
import { Notice } from "../ui/notice";

/** Scores a data asset version with a deployment (the default unless one is picked). */
export function InvokeBatchEndpointForm({
  endpointName,
  deployments,
}: {
  endpointName: string;
  deployments: { name: string; isDefault: boolean }[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const assets = useQuery(trpc.data.list.queryOptions({ workspaceId }));
  const [asset, setAsset] = useState("");
  const [version, setVersion] = useState("");
  const [deployment, setDeployment] = useState("");
  const [outputName, setOutputName] = useState("");
  const versions = useQuery({
    ...trpc.data.byName.queryOptions({ workspaceId, name: asset }),
    enabled: asset !== "",
  });
  const invoke = useMutation(
    trpc.batchEndpoints.invoke.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.batchEndpoints.jobs.pathFilter()),
    }),
  );
  const chosenVersion = version || String(versions.data?.versions[0]?.version ?? "");

  return (
    <form
      aria-label="Invoke"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        invoke.mutate({
          workspaceId,
          endpointName,
          input: `${asset}:${chosenVersion}`,
          deploymentName: deployment || undefined,
          outputName: outputName.trim() || undefined,
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-4">
        <SelectField
          label="Data asset"
          required
          value={asset}
          onChange={(e) => {
            setAsset(e.target.value);
            setVersion("");
          }}
        >
          <option value="">{assets.isPending ? "Loading data…" : "Pick a data asset"}</option>
          {assets.data?.map((a) => (
            <option key={a.id} value={a.name}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Data version"
          value={chosenVersion}
          disabled={!versions.data}
          onChange={(e) => setVersion(e.target.value)}
        >
          {versions.data?.versions.map((v) => (
            <option key={v.id} value={String(v.version)}>
              v{v.version}
              {v.isArchived ? " (archived)" : ""}
            </option>
          ))}
        </SelectField>
        <SelectField label="Deployment" value={deployment} onChange={(e) => setDeployment(e.target.value)}>
          <option value="">the default ({deployments.find((d) => d.isDefault)?.name ?? "none"})</option>
          {deployments
            .filter((d) => !d.isDefault)
            .map((d) => (
              <option key={d.name} value={d.name}>
                {d.name}
              </option>
            ))}
        </SelectField>
        <TextField
          label="Output name"
          placeholder={`${endpointName}-predictions`}
          value={outputName}
          onChange={(e) => setOutputName(e.target.value)}
        />
      </div>
      {invoke.error ? <Notice tone="error">{errorMessage(invoke.error)}</Notice> : null}
      {invoke.data ? (
        <Notice tone="success">
          Started job {invoke.data.displayName}: deployment {invoke.data.deployment}, model {invoke.data.model}.
        </Notice>
      ) : null}
      <Button type="submit" disabled={invoke.isPending || !asset || !chosenVersion || deployments.length === 0}>
        {invoke.isPending ? "Starting…" : "Invoke"}
      </Button>
    </form>
  );
}
