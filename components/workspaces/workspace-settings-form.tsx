"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";

export function WorkspaceSettingsForm() {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(workspace.name);
  const [description, setDescription] = useState(workspace.description);
  const update = useMutation(
    trpc.workspaces.update.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.workspaces.byId.queryKey({ workspaceId: workspace.id }) }),
    }),
  );
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ workspaceId: workspace.id, name, description });
      }}
    >
      <TextField label="Workspace name" value={name} onChange={(e) => setName(e.target.value)} required />
      <TextField label="Workspace description" value={description} onChange={(e) => setDescription(e.target.value)} />
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" variant="secondary" disabled={update.isPending}>
          Save settings
        </Button>
        {update.isError ? <Notice tone="error">{errorMessage(update.error)}</Notice> : null}
        {update.isSuccess ? <Notice tone="success">Saved.</Notice> : null}
      </div>
    </form>
  );
}
