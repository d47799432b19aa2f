"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc-provider";

/** Checkboxes for the workspaces a host is shared with. */
export function SharePicker({
  selected,
  onToggle,
  label,
}: {
  selected: string[];
  onToggle: (workspaceId: string, isShared: boolean) => void;
  label: string;
}) {
  const trpc = useTRPC();
  const workspaces = useQuery(trpc.admin.workspaces.queryOptions());
  return (
    <fieldset className="text-sm">
      <legend className="font-medium text-slate-700">{label}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {workspaces.data?.map((w) => (
          <label key={w.id} className="flex items-center gap-1.5">
            <input
              type="checkbox"
              checked={selected.includes(w.id)}
              onChange={(e) => onToggle(w.id, e.target.checked)}
            />
            {w.name}
          </label>
        ))}
        {workspaces.data?.length === 0 ? <span className="text-slate-500">No workspaces yet.</span> : null}
      </div>
    </fieldset>
  );
}
