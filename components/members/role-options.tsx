"use client";

import { useQuery } from "@tanstack/react-query";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";

export type TRoleChoice =
  { role: "Owner" | "Contributor" | "Reader" | "DataScientist" | "MetricsWriter" } | { customRoleId: string };

/** Role choices are encoded as "role:<BuiltIn>" or "custom:<id>" in a <select>. */
export function encodeRole(m: { role: string | null; customRoleId: string | null }): string {
  return m.role ? `role:${m.role}` : `custom:${m.customRoleId}`;
}

export function decodeRole(value: string): TRoleChoice {
  const [kind, id = ""] = value.split(":");
  return kind === "custom" ? { customRoleId: id } : { role: id as Extract<TRoleChoice, { role: string }>["role"] };
}

/** The roles a member can be given. */
export function useRoleChoices() {
  const trpc = useTRPC();
  const { id } = useWorkspace();
  return useQuery(trpc.roles.list.queryOptions({ workspaceId: id }));
}

/** Rendered only once the roles are loaded: a controlled <select> does not re-apply its value to options that arrive later. */
export function RoleOptions() {
  const roles = useRoleChoices();
  return (
    <>
      {(roles.data?.builtIn ?? []).map((r) => (
        <option key={r.role} value={`role:${r.role}`}>
          {r.label}
        </option>
      ))}
      {(roles.data?.custom ?? []).map((r) => (
        <option key={r.id} value={`custom:${r.id}`}>
          {r.name} (custom)
        </option>
      ))}
    </>
  );
}
