"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { ColumnChooser } from "./column-chooser";
import { BASE_COLUMNS, discoverKeys, extraColumn, type TRunRow } from "./run-columns";
import { RunRow } from "./run-row";
import { LIVE_STATUSES } from "./run-status-badge";
import { flattenRunTree } from "./run-tree";

const ROW_HEIGHT = 36;
const MAX_COMPARE = 100;
// Runs loaded at a time; "load more" raises the limit, up to the API's 50,000.
const PAGE = 10_000;
const MAX_LOADED = 50_000;

export function RunsTable({ experimentId }: { experimentId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { id: workspaceId } = useWorkspace();
  const [filterText, setFilterText] = useState("");
  const [filter, setFilter] = useState("");
  const [orderBy, setOrderBy] = useState<{ key: string; isDescending: boolean } | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [limit, setLimit] = useState(PAGE);
  const search = useQuery({
    ...trpc.runs.search.queryOptions({
      workspaceId,
      experimentIds: [experimentId],
      filter: filter || undefined,
      orderBy: orderBy ? [`${orderBy.key} ${orderBy.isDescending ? "DESC" : "ASC"}`] : undefined,
      maxResults: limit,
    }),
    placeholderData: keepPreviousData,
    // Live runs refresh every few seconds; a finished experiment does not need polling that often.
    refetchInterval: (q) => (q.state.data?.runs.some((r) => LIVE_STATUSES.has(r.status)) ? 5000 : 30_000),
  });
  const runs = useMemo(() => (search.data?.runs ?? []) as TRunRow[], [search.data]);
  const keys = useMemo(() => discoverKeys(runs), [runs]);
  const rows = useMemo(() => flattenRunTree(runs, expanded), [runs, expanded]);
  const columns = useMemo(() => [...BASE_COLUMNS, ...chosen.map(extraColumn)], [chosen]);
  // Show the first metrics by default, as a person opening an experiment wants to compare them.
  useEffect(() => {
    if (chosen.length === 0 && keys.metrics.length) setChosen(keys.metrics.slice(0, 3).map((k) => `metrics.${k}:last`));
  }, [keys.metrics, chosen.length]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const template = `2.25rem minmax(14rem, 2fr) 7rem ${columns.map(() => "minmax(8rem, 1fr)").join(" ")}`;
  const sortBy = (key: string | null) => {
    if (!key) return;
    setOrderBy((o) => (o?.key === key ? { key, isDescending: !o.isDescending } : { key, isDescending: true }));
  };
  const toggle = useCallback(
    (id: string) =>
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(id)) next.delete(id);
        else if (next.size < MAX_COMPARE) next.add(id);
        return next;
      }),
    [],
  );
  // Rows hold plain links (see run-row.tsx); a plain left click on one navigates in the app.
  const followRunLink = useCallback(
    (e: React.MouseEvent) => {
      const link = (e.target as HTMLElement).closest("a[data-run-link]");
      if (!link || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      router.push(link.getAttribute("href")!);
    },
    [router],
  );
  const toggleExpand = useCallback(
    (id: string) =>
      setExpanded((s) => {
        const next = new Set(s);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );

  return (
    <div className="space-y-3">
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(filterText.trim());
        }}
      >
        <input
          aria-label="Filter runs"
          value={filterText}
          onChange={(e) => setFilterText(e.target.value)}
          placeholder="metrics.acc > 0.9 and params.lr = '0.01' and tags.model = 'cnn'"
          className="min-w-[24rem] flex-1 rounded border border-slate-300 px-2 py-1.5 font-mono text-sm"
        />
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        <ColumnChooser keys={keys} chosen={chosen} onChange={setChosen} />
        <Button
          disabled={selected.size < 2}
          onClick={() => router.push(`/w/${workspaceId}/runs/compare?ids=${[...selected].join(",")}`)}
        >
          Compare ({selected.size})
        </Button>
      </form>
      {search.isError ? <Notice tone="error">{errorMessage(search.error)}</Notice> : null}
      <p className="text-xs text-slate-500" role="status">
        {search.isPending ? "Loading runs…" : `${runs.length.toLocaleString()} run${runs.length === 1 ? "" : "s"}`}
        {search.data?.nextPageToken ? " shown, the first by this sort. " : ""}
        {search.data?.nextPageToken && limit < MAX_LOADED ? (
          <button
            type="button"
            className="text-sky-700 underline"
            onClick={() => setLimit((l) => Math.min(MAX_LOADED, l + PAGE))}
          >
            Load {PAGE.toLocaleString()} more
          </button>
        ) : search.data?.nextPageToken ? (
          "Narrow the filter to reach the others."
        ) : null}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <div role="table" aria-label="Runs" aria-rowcount={rows.length + 1} className="min-w-max text-sm">
          <div
            role="row"
            className="grid border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase text-slate-500"
            style={{ gridTemplateColumns: template }}
          >
            <div role="columnheader" className="px-2 py-2">
              <span className="sr-only">Select</span>
            </div>
            <div role="columnheader" className="px-2 py-2">
              Run
            </div>
            <div role="columnheader" className="px-2 py-2">
              Status
            </div>
            {columns.map((c) => (
              <div
                role="columnheader"
                key={c.id}
                className="truncate px-2 py-2"
                aria-sort={orderBy?.key === c.orderBy ? (orderBy.isDescending ? "descending" : "ascending") : "none"}
              >
                {c.orderBy ? (
                  <button type="button" className="uppercase hover:text-slate-800" onClick={() => sortBy(c.orderBy)}>
                    {c.label}
                    {orderBy?.key === c.orderBy ? (orderBy.isDescending ? " ↓" : " ↑") : ""}
                  </button>
                ) : (
                  c.label
                )}
              </div>
            ))}
          </div>
          <div ref={scroller} className="max-h-[560px] overflow-y-auto" onClick={followRunLink}>
            <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
              {virtualizer.getVirtualItems().map((item) => {
                const { run, depth, childCount } = rows[item.index]!;
                return (
                  <RunRow
                    key={run.id}
                    run={run}
                    depth={depth}
                    childCount={childCount}
                    columns={columns}
                    template={template}
                    top={item.start}
                    height={ROW_HEIGHT}
                    href={`/w/${workspaceId}/runs/${run.id}`}
                    isSelected={selected.has(run.id)}
                    isExpanded={expanded.has(run.id)}
                    onToggleSelect={toggle}
                    onToggleExpand={toggleExpand}
                  />
                );
              })}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
