"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";

export function InvitationList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const invitations = useQuery(trpc.members.invitations.queryOptions({ workspaceId }));
  const revoke = useMutation(
    trpc.members.revokeInvitation.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: [["members"]] }),
    }),
  );
  if (!invitations.data?.length) return <p className="text-sm text-slate-500">No open invitations.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {invitations.data.map((i) => (
        <li key={i.id} className="flex items-center justify-between py-2">
          <span>
            {i.email} · {i.roleLabel}{" "}
            <span className={i.isExpired ? "text-red-600" : "text-slate-500"}>
              {i.isExpired ? "expired" : `expires ${new Date(i.expiresAt).toLocaleDateString()}`}
            </span>
          </span>
          <Button
            variant="ghost"
            aria-label={`Revoke invitation for ${i.email}`}
            onClick={() => revoke.mutate({ workspaceId, invitationId: i.id })}
          >
            Revoke
          </Button>
        </li>
      ))}
    </ul>
  );
}
