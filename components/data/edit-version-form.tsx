"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { DescriptionTagsForm } from "../ui/description-tags-form";
import type { TFileSource } from "./file-source";

/** Edits what a data or model version leaves open: its description and tags (its files never change). */
export function EditVersionForm({
  source,
  description,
  tags,
  onDone,
}: {
  source: TFileSource;
  description: string;
  tags: Record<string, string>;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const onSuccess = () => {
    void queryClient.invalidateQueries(trpc[source.kind === "data" ? "data" : "models"].pathFilter());
    onDone();
  };
  // Both are declared so the hooks run in the same order; the source's kind picks one.
  const updateData = useMutation(trpc.data.update.mutationOptions({ onSuccess }));
  const updateModel = useMutation(trpc.models.updateVersion.mutationOptions({ onSuccess }));
  const update = source.kind === "data" ? updateData : updateModel;
  return (
    <DescriptionTagsForm
      title={`Edit ${source.name}:${source.version}`}
      description={description}
      tags={tags}
      isPending={update.isPending}
      error={update.error}
      onSave={(change) => update.mutate({ workspaceId, name: source.name, version: String(source.version), ...change })}
      onCancel={onDone}
    />
  );
}
