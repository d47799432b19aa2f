"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";

export function UsersSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.admin.users.queryOptions());
  const setAdmin = useMutation(
    trpc.admin.setAdmin.mutationOptions({
      onSettled: () => void queryClient.invalidateQueries(trpc.admin.users.pathFilter()),
    }),
  );
  return (
    <Section
      title="Users"
      description="Site administrators register hosts, share them with workspaces and change site settings. The last one cannot be removed."
    >
      <table className="w-full text-left text-sm" aria-label="Users">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1 font-medium">Email</th>
            <th className="py-1 font-medium">Name</th>
            <th className="py-1 font-medium">Workspaces</th>
            <th className="py-1 font-medium">Administrator</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.data?.map((u) => (
            <tr key={u.id}>
              <td className="py-1.5">
                {u.email}
                {u.isDisabled ? <span className="ml-2 text-xs text-slate-400">disabled</span> : null}
              </td>
              <td className="py-1.5 text-slate-600">{u.name}</td>
              <td className="py-1.5 text-slate-600">{u.workspaces}</td>
              <td className="py-1.5">
                <input
                  type="checkbox"
                  aria-label={`Administrator: ${u.email}`}
                  checked={u.isAdmin}
                  disabled={setAdmin.isPending}
                  onChange={(e) => setAdmin.mutate({ userId: u.id, isAdmin: e.target.checked })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {setAdmin.error ? (
        <div className="mt-2">
          <Notice tone="error">{errorMessage(setAdmin.error)}</Notice>
        </div>
      ) : null}
    </Section>
  );
}
