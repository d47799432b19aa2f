"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { DescriptionTagsForm } from "../ui/description-tags-form";

/** Edits a registered model's Markdown description and its tags. */
export function EditModelForm({
  name,
  description,
  tags,
  onDone,
}: {
  name: string;
  description: string;
  tags: Record<string, string>;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const update = useMutation(
    trpc.models.update.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.models.pathFilter());
        onDone();
      },
    }),
  );
  return (
    <DescriptionTagsForm
      title={`Edit ${name}`}
      description={description}
      tags={tags}
      isMarkdown
      isPending={update.isPending}
      error={update.error}
      onSave={(change) => update.mutate({ workspaceId, name, ...change })}
      onCancel={onDone}
    />
  );
}
