"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Action } from "@/server/rbac/actions";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";

export function CustomRoles() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canManage = useCan("member:manage");
  const roles = useQuery(trpc.roles.list.queryOptions({ workspaceId }));
  const [name, setName] = useState("");
  const [picked, setPicked] = useState<Set<Action>>(new Set());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.roles.list.queryKey({ workspaceId }) });
  const create = useMutation(
    trpc.roles.create.mutationOptions({
      onSuccess: () => {
        setName("");
        setPicked(new Set());
        void refresh();
      },
    }),
  );
  const remove = useMutation(trpc.roles.delete.mutationOptions({ onSettled: refresh }));
  if (!roles.data) return <p className="text-sm text-slate-500">Loading roles…</p>;

  return (
    <div className="space-y-4">
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1 font-medium">Role</th>
            <th className="py-1 font-medium">Allows</th>
            <th />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {roles.data.builtIn.map((r) => (
            <tr key={r.role}>
              <td className="py-1.5 font-medium">{r.label}</td>
              <td className="py-1.5 text-slate-600">
                {r.actions.length} of {roles.data.actions.length} actions
              </td>
              <td />
            </tr>
          ))}
          {roles.data.custom.map((r) => (
            <tr key={r.id}>
              <td className="py-1.5 font-medium">
                {r.name} <span className="text-xs text-slate-400">custom</span>
              </td>
              <td className="py-1.5 font-mono text-xs text-slate-600">{r.actions.join(", ")}</td>
              <td className="py-1.5 text-right">
                {canManage ? (
                  <Button
                    variant="ghost"
                    aria-label={`Delete role ${r.name}`}
                    onClick={() => remove.mutate({ workspaceId, roleId: r.id })}
                  >
                    Delete
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {remove.isError ? <Notice tone="error">{errorMessage(remove.error)}</Notice> : null}
      {canManage ? (
        <form
          className="space-y-3 rounded border border-slate-200 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ workspaceId, name, description: "", actions: [...picked] });
          }}
        >
          <p className="text-sm font-medium">New custom role</p>
          <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
            Start from a template:
            {roles.data.templates.map((t) => (
              <Button
                key={t.name}
                variant="secondary"
                title={t.description}
                onClick={() => {
                  setName(t.name);
                  setPicked(new Set(t.actions));
                }}
              >
                {t.name}
              </Button>
            ))}
          </div>
          <TextField label="Role name" value={name} onChange={(e) => setName(e.target.value)} required />
          <fieldset className="grid gap-1 sm:grid-cols-2">
            <legend className="mb-1 text-sm text-slate-700">Allowed actions</legend>
            {roles.data.actions.map((a) => (
              <label key={a.action} className="flex items-start gap-2 text-xs">
                <input
                  type="checkbox"
                  checked={picked.has(a.action)}
                  onChange={(e) => {
                    const next = new Set(picked);
                    if (e.target.checked) next.add(a.action);
                    else next.delete(a.action);
                    setPicked(next);
                  }}
                />
                <span>
                  <span className="font-mono">{a.action}</span> — {a.description}
                </span>
              </label>
            ))}
          </fieldset>
          <div className="flex items-center gap-3">
            <Button type="submit" variant="secondary" disabled={create.isPending || picked.size === 0}>
              Create role
            </Button>
            {create.isError ? <Notice tone="error">{errorMessage(create.error)}</Notice> : null}
          </div>
        </form>
      ) : null}
    </div>
  );
}
