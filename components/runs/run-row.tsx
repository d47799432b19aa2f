"use client";

import { memo } from "react";
import type { TColumn, TRunRow } from "./run-columns";
import { RunStatusBadge } from "./run-status-badge";

type TProps = {
  run: TRunRow;
  depth: number;
  childCount: number;
  columns: TColumn[];
  template: string;
  top: number;
  height: number;
  href: string;
  isSelected: boolean;
  isExpanded: boolean;
  onToggleSelect: (id: string) => void;
  onToggleExpand: (id: string) => void;
};

/** One row of the virtualised runs table; memoised so scrolling renders only rows that appear. */
export const RunRow = memo(function RunRow({
  run,
  depth,
  childCount,
  columns,
  template,
  top,
  height,
  href,
  isSelected,
  isExpanded,
  onToggleSelect,
  onToggleExpand,
}: TProps) {
  return (
    <div
      role="row"
      data-testid={`run-row-${run.displayName}`}
      className="absolute left-0 grid w-full items-center border-b border-slate-100 hover:bg-slate-50"
      // Layout and paint stay inside the row, so a row scrolled in does not relayout the others.
      style={{ gridTemplateColumns: template, height, transform: `translateY(${top}px)`, contain: "layout paint" }}
    >
      <div role="cell" className="px-2">
        <input
          type="checkbox"
          aria-label={`Select ${run.displayName}`}
          checked={isSelected}
          onChange={() => onToggleSelect(run.id)}
        />
      </div>
      <div
        role="cell"
        className="flex items-center gap-1 truncate px-2"
        style={{ paddingLeft: `${0.5 + depth * 1.25}rem` }}
      >
        {childCount ? (
          <button
            type="button"
            aria-label={`${isExpanded ? "Collapse" : "Expand"} ${run.displayName}`}
            aria-expanded={isExpanded}
            className="w-4 text-slate-500"
            onClick={() => onToggleExpand(run.id)}
          >
            {isExpanded ? "▾" : "▸"}
          </button>
        ) : (
          <span className="w-4" />
        )}
        {/* A plain link, which the table turns into a client-side navigation: a Link per row costs
            more than the rest of the row as rows scroll in, and would prefetch every run page seen. */}
        <a data-run-link className="truncate text-sky-700 hover:underline" href={href}>
          {run.displayName}
        </a>
        {childCount ? <span className="text-xs text-slate-400">({childCount})</span> : null}
      </div>
      <div role="cell" className="px-2">
        <RunStatusBadge status={run.status} />
      </div>
      {columns.map((c) => (
        <div role="cell" key={c.id} className="truncate px-2 font-mono text-xs">
          {c.value(run)}
        </div>
      ))}
    </div>
  );
});
