"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { SelectField } from "../ui/field";
import { Notice } from "../ui/notice";
import { ProjectItemDetail } from "./project-item-detail";
import type { TWorkbenchProject as TProject } from "./workbench/workbench-types";
import { ITEM_STATUS_COLORS, ITEM_STATUS_LABELS, ITEM_STATUSES, type TItemStatus } from "./task-types";

/** Items in queue order, filtered by status, a page at a time; one opens with everyone's labels and its history. */
export function ProjectItems({ project }: { project: TProject }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const [status, setStatus] = useState<TItemStatus | "">("");
  const [open, setOpen] = useState<string | null>(null);
  const items = useInfiniteQuery(
    trpc.labeling.items.infiniteQueryOptions(
      { workspaceId, name: project.name, status: status || undefined, limit: 100 },
      { getNextPageParam: (page) => page.nextSeq ?? undefined },
    ),
  );
  const rows = items.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="space-y-3">
      <div className="w-56">
        <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value as TItemStatus | "")}>
          <option value="">All ({project.counts.total})</option>
          {ITEM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ITEM_STATUS_LABELS[s]} ({project.counts[s]})
            </option>
          ))}
        </SelectField>
      </div>
      {items.isError ? <Notice tone="error">{errorMessage(items.error)}</Notice> : null}
      <table aria-label="Items" className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-3">#</th>
            <th className="py-2 pr-3">Item</th>
            <th className="py-2 pr-3">Status</th>
            <th className="py-2">Labelers</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((item) => (
            <tr key={item.id}>
              <td className="py-1.5 pr-3 tabular-nums text-slate-500">{item.seq}</td>
              <td className="py-1.5 pr-3">
                <button
                  type="button"
                  className="font-mono text-xs text-sky-700 hover:underline"
                  onClick={() => setOpen(item.id)}
                >
                  {item.key}
                </button>
              </td>
              <td className="py-1.5 pr-3">
                <span className="inline-flex items-center gap-1.5 text-xs">
                  <span className="h-2 w-2 rounded-full" style={{ background: ITEM_STATUS_COLORS[item.status] }} />
                  {ITEM_STATUS_LABELS[item.status]}
                </span>
                {item.error ? <p className="text-xs text-red-700">{item.error}</p> : null}
              </td>
              <td className="py-1.5 text-xs text-slate-600">
                {item.annotations.map((a) => `${a.email} (${a.state})`).join(", ") || "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.isPending ? <p className="text-sm text-slate-500">Loading items…</p> : null}
      {!items.isPending && rows.length === 0 ? (
        <p className="text-sm text-slate-500">No items with this status.</p>
      ) : null}
      {items.hasNextPage ? (
        <Button variant="secondary" disabled={items.isFetchingNextPage} onClick={() => void items.fetchNextPage()}>
          {items.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      ) : null}
      {open ? <ProjectItemDetail project={project} itemId={open} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
