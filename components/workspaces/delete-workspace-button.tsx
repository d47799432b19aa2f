"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";

export function DeleteWorkspaceButton() {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.workspaces.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        router.push("/workspaces");
      },
    }),
  );
  return (
    <div className="flex items-center gap-3">
      <Button
        variant="danger"
        disabled={remove.isPending}
        onClick={() => {
          const typed = window.prompt(
            `This deletes '${workspace.name}' and everything in it. Type its name to confirm.`,
          );
          if (typed === workspace.name) remove.mutate({ workspaceId: workspace.id });
        }}
      >
        Delete workspace
      </Button>
      {remove.isError ? <Notice tone="error">{errorMessage(remove.error)}</Notice> : null}
    </div>
  );
}
