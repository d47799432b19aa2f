"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { parseLabels } from "../compute/parse-labels";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";

const tagsText = (tags: Record<string, string>) =>
  Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");

/** Edits what a version leaves open: its description and tags (its files never change). */
export function EditVersionForm({
  name,
  version,
  description,
  tags,
  onDone,
}: {
  name: string;
  version: number;
  description: string;
  tags: Record<string, string>;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const [text, setText] = useState(description);
  const [tagText, setTagText] = useState(tagsText(tags));
  const parsed = parseLabels(tagText);
  const update = useMutation(
    trpc.data.update.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.data.pathFilter());
        onDone();
      },
    }),
  );
  return (
    <form
      aria-label={`Edit ${name}:${version}`}
      className="space-y-3 rounded border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ workspaceId, name, version: String(version), description: text, tags: parsed.labels });
      }}
    >
      <p className="text-sm font-medium">
        Edit {name}:{version}
      </p>
      <TextField label="Description" value={text} onChange={(e) => setText(e.target.value)} />
      <TextField
        label="Tags"
        value={tagText}
        onChange={(e) => setTagText(e.target.value)}
        hint={parsed.error ?? "key=value, separated by commas"}
      />
      <div className="flex gap-2">
        <Button type="submit" disabled={update.isPending || parsed.error !== null}>
          Save
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {update.error ? <Notice tone="error">{errorMessage(update.error)}</Notice> : null}
    </form>
  );
}
