"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";

export function CreateWorkspaceForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const create = useMutation(
    trpc.workspaces.create.mutationOptions({
      onSuccess: async (workspace) => {
        await queryClient.invalidateQueries({ queryKey: trpc.me.whoami.queryKey() });
        router.push(`/w/${workspace.id}`);
      },
    }),
  );
  return (
    <Section title="Create a workspace" description="You become its Owner.">
      <form
        className="grid gap-3 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name, description });
        }}
      >
        <TextField
          label="Name"
          name="name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="vision-team"
          hint="Letters, digits, '.', '_' or '-'."
        />
        <TextField
          label="Description"
          name="description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <div className="sm:col-span-2 flex items-center gap-3">
          <Button type="submit" disabled={create.isPending}>
            Create workspace
          </Button>
          {create.isError ? <Notice tone="error">{errorMessage(create.error)}</Notice> : null}
        </div>
      </form>
    </Section>
  );
}
