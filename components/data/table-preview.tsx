"use client";

import { useQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";

const ROW_PX = 28;
const COLUMN_PX = 160;

/** A table's first rows in a virtualised grid (only the rows in view are in the page), its schema as header. */
export function TablePreview({ name, version, path }: { name: string; version: number; path?: string }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const preview = useQuery(trpc.data.preview.queryOptions({ workspaceId, name, version: String(version), path }));
  const scroller = useRef<HTMLDivElement>(null);
  const rows = preview.data?.rows ?? [];
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 8,
  });
  if (preview.isPending) return <p className="text-sm text-slate-500">Reading the first rows…</p>;
  if (preview.isError) return <Notice tone="error">{errorMessage(preview.error)}</Notice>;
  const { columns } = preview.data;
  const template = `4rem repeat(${columns.length}, ${COLUMN_PX}px)`;
  return (
    <div>
      <p className="mb-2 text-xs text-slate-500">
        {rows.length} row(s){preview.data.isTruncated ? " shown; more follow" : ""} of{" "}
        {preview.data.files.length === 1 ? preview.data.files[0] : `${preview.data.files.length} files`}
      </p>
      <div
        ref={scroller}
        role="grid"
        aria-label="Table preview"
        aria-rowcount={rows.length + 1}
        className="max-h-96 overflow-auto rounded border border-slate-200 font-mono text-xs"
      >
        <div
          role="row"
          className="sticky top-0 z-10 grid border-b border-slate-300 bg-slate-100"
          style={{ gridTemplateColumns: template, width: 64 + columns.length * COLUMN_PX }}
        >
          <span role="columnheader" className="px-2 py-1 text-slate-400">
            #
          </span>
          {columns.map((c) => (
            <span role="columnheader" key={c.name} className="truncate px-2 py-1" title={`${c.name}: ${c.type}`}>
              <span className="font-semibold text-slate-800">{c.name}</span>{" "}
              <span className="text-[10px] text-slate-500">{c.type}</span>
            </span>
          ))}
        </div>
        <div
          className="relative"
          style={{ height: virtualizer.getTotalSize(), width: 64 + columns.length * COLUMN_PX }}
        >
          {virtualizer.getVirtualItems().map((item) => (
            <div
              role="row"
              key={item.key}
              aria-rowindex={item.index + 2}
              className="absolute left-0 grid border-b border-slate-100 odd:bg-white even:bg-slate-50"
              style={{ top: item.start, height: ROW_PX, gridTemplateColumns: template }}
            >
              <span className="px-2 py-1 text-slate-400">{item.index + 1}</span>
              {rows[item.index]!.map((value, i) => (
                <span role="gridcell" key={i} className="truncate px-2 py-1" title={String(value ?? "")}>
                  {value === null ? <span className="text-slate-300">null</span> : String(value)}
                </span>
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
