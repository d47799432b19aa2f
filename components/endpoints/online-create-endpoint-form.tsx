"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { SelectField, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { onlineEndpointHref } from "./endpoint-links";

/** A new online endpoint: its name, auth mode and description; deployments come on its page. */
export function OnlineCreateEndpointForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { id: workspaceId } = useWorkspace();
  const [name, setName] = useState("");
  const [authMode, setAuthMode] = useState<"key" | "token">("key");
  const [description, setDescription] = useState("");
  const create = useMutation(
    trpc.endpoints.create.mutationOptions({
      onSuccess: async (endpoint) => {
        await queryClient.invalidateQueries({ queryKey: trpc.endpoints.list.queryKey() });
        router.push(onlineEndpointHref(workspaceId, endpoint.name));
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ workspaceId, name: name.trim(), auth_mode: authMode, description: description || undefined });
  };
  return (
    <form
      aria-label="Create online endpoint"
      onSubmit={submit}
      className="space-y-3 rounded border border-slate-200 p-4"
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Endpoint name" required value={name} onChange={(e) => setName(e.target.value)} />
        <SelectField
          label="Auth mode"
          value={authMode}
          onChange={(e) => setAuthMode(e.target.value as "key" | "token")}
        >
          <option value="key">key: two regenerable keys</option>
          <option value="token">token: API tokens with endpoint:invoke</option>
        </SelectField>
      </div>
      <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
      {create.error ? <Notice tone="error">{errorMessage(create.error)}</Notice> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={create.isPending || !name.trim()}>
          Create
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
