"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { decodeRole, encodeRole, RoleOptions, useRoleChoices } from "./role-options";

export function MemberTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canManage = useCan("member:manage");
  const members = useQuery(trpc.members.list.queryOptions({ workspaceId }));
  const roles = useRoleChoices();
  const refresh = () =>
    queryClient
      .invalidateQueries({ queryKey: [["members"]] })
      .then(() => queryClient.invalidateQueries({ queryKey: [["audit"]] }));
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSettled: refresh }));
  const error = changeRole.error ?? remove.error;

  if (members.isPending || roles.isPending) return <p className="text-sm text-slate-500">Loading members…</p>;
  if (members.isError) return <Notice tone="error">{errorMessage(members.error)}</Notice>;
  return (
    <div className="space-y-3">
      {error ? <Notice tone="error">{errorMessage(error)}</Notice> : null}
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 font-medium">Name</th>
            <th className="py-2 font-medium">Email</th>
            <th className="py-2 font-medium">Role</th>
            {canManage ? (
              <th className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.data.map((m) => (
            <tr key={m.userId} data-testid={`member-${m.email}`}>
              <td className="py-2">{m.name}</td>
              <td className="py-2 text-slate-600">{m.email}</td>
              <td className="py-2">
                {canManage ? (
                  <select
                    aria-label={`Role of ${m.email}`}
                    className="rounded border border-slate-300 px-2 py-1 text-sm"
                    value={encodeRole(m)}
                    disabled={changeRole.isPending}
                    onChange={(e) =>
                      changeRole.mutate({ workspaceId, userId: m.userId, ...decodeRole(e.target.value) })
                    }
                  >
                    <RoleOptions />
                  </select>
                ) : (
                  m.roleLabel
                )}
              </td>
              {canManage ? (
                <td className="py-2 text-right">
                  <Button
                    variant="danger"
                    aria-label={`Remove ${m.email}`}
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(`Remove ${m.email} from this workspace?`))
                        remove.mutate({ workspaceId, userId: m.userId });
                    }}
                  >
                    Remove
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
