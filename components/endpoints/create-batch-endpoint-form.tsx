"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { batchEndpointHref } from "./endpoint-links";

/** Names a new batch endpoint and opens it, where its deployments are added. */
export function CreateBatchEndpointForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const create = useMutation(
    trpc.batchEndpoints.create.mutationOptions({
      onSuccess: (endpoint) => {
        void queryClient.invalidateQueries(trpc.batchEndpoints.list.pathFilter());
        router.push(batchEndpointHref(workspaceId, endpoint.name));
      },
    }),
  );
  return (
    <form
      aria-label="Create batch endpoint"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ workspaceId, name, description: description || undefined });
      }}
    >
      <h3 className="text-sm font-semibold text-slate-800">Create batch endpoint</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Endpoint name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="scorer"
          hint="3 to 32 characters: a letter first, then letters, digits and '-'."
        />
        <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      {create.error ? <Notice tone="error">{errorMessage(create.error)}</Notice> : null}
      <Button type="submit" disabled={create.isPending || name.trim() === ""}>
        {create.isPending ? "Creating…" : "Create batch endpoint"}
      </Button>
    </form>
  );
}
