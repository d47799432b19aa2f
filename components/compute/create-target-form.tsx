"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { parseLabels } from "./parse-labels";

export function CreateTargetForm({ onCreated }: { onCreated: () => void }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const [name, setName] = useState("");
  const [selector, setSelector] = useState("");
  const [maxRuns, setMaxRuns] = useState("");
  const create = useMutation(trpc.compute.createTarget.mutationOptions({ onSuccess: onCreated }));
  const parsed = parseLabels(selector);
  return (
    <form
      className="mt-4 grid gap-3 md:grid-cols-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!parsed.error)
          create.mutate({
            workspaceId,
            name,
            selector: parsed.labels,
            maxConcurrentRuns: maxRuns ? Number(maxRuns) : null,
          });
      }}
    >
      <TextField label="Target name" value={name} onChange={(e) => setName(e.target.value)} required />
      <TextField
        label="Host selector"
        value={selector}
        onChange={(e) => setSelector(e.target.value)}
        placeholder="gpu=a100"
        hint={parsed.error ?? "labels every host must have, among the shared hosts"}
      />
      <TextField
        label="Max concurrent runs"
        type="number"
        min={1}
        value={maxRuns}
        onChange={(e) => setMaxRuns(e.target.value)}
      />
      <div className="flex items-end">
        <Button type="submit" disabled={create.isPending || !name}>
          Create target
        </Button>
      </div>
      {create.error ? (
        <div className="md:col-span-4">
          <Notice tone="error">{errorMessage(create.error)}</Notice>
        </div>
      ) : null}
    </form>
  );
}
