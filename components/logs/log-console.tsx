"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState } from "react";
import type { TConsoleLine } from "./use-log-stream";

const ROW_PX = 18;
const STREAM_CLASS: Record<string, string> = {
  stdout: "text-slate-100",
  stderr: "text-rose-300",
  system: "text-sky-300",
};

type TLogConsoleProps = {
  lines: TConsoleLine[];
  state: string;
  /** What the status says once the stream has ended ("run ended"). */
  endedLabel: string;
  downloadHref?: string;
};

/**
 * The console view of runs and deployments: follows the tail until the reader scrolls up,
 * filters by a search, tags each line with its instance when it has one, downloads.
 */
export function LogConsole({ lines, state, endedLabel, downloadHref }: TLogConsoleProps) {
  const [search, setSearch] = useState("");
  const [isFollowing, setIsFollowing] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return needle
      ? lines.filter((l) => l.text.toLowerCase().includes(needle) || l.instance?.toLowerCase().includes(needle))
      : lines;
  }, [lines, search]);
  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 30,
  });

  useEffect(() => {
    if (isFollowing && shown.length > 0) virtual.scrollToIndex(shown.length - 1, { align: "end" });
  }, [shown.length, isFollowing, virtual]);

  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
        <input
          aria-label="Search the console"
          placeholder="Search the console"
          className="w-64 rounded border border-slate-300 px-2 py-1 text-sm"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        {search ? (
          <span className="text-slate-500">
            {shown.length} of {lines.length} lines
          </span>
        ) : (
          <span className="text-slate-500">{lines.length} lines</span>
        )}
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={isFollowing} onChange={(e) => setIsFollowing(e.target.checked)} /> Follow
        </label>
        <span role="status" className={state === "live" ? "text-sky-700" : "text-slate-500"}>
          {state === "live"
            ? "streaming"
            : state === "ended"
              ? endedLabel
              : state === "connecting"
                ? "connecting…"
                : "disconnected"}
        </span>
        {downloadHref ? (
          <a className="ml-auto text-sky-700 hover:underline" href={downloadHref}>
            Download
          </a>
        ) : null}
      </div>
      <div
        ref={scroller}
        role="log"
        aria-label="Console"
        aria-live="off"
        className="h-96 overflow-auto rounded bg-slate-900 p-2 font-mono text-xs"
        onWheel={(e) => {
          if (e.deltaY < 0) setIsFollowing(false);
        }}
      >
        {shown.length === 0 ? (
          <p className="text-slate-400">{state === "ended" ? "No output." : "Waiting for output…"}</p>
        ) : null}
        <div style={{ height: virtual.getTotalSize(), position: "relative" }}>
          {virtual.getVirtualItems().map((item) => {
            const line = shown[item.index]!;
            return (
              <div
                key={line.key}
                data-seq={line.seq}
                className={`absolute left-0 right-0 whitespace-pre ${STREAM_CLASS[line.stream] ?? ""}`}
                style={{ top: item.start, height: ROW_PX }}
              >
                {line.instance ? <span className="mr-2 text-slate-500">[{line.instance}]</span> : null}
                {line.text || " "}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
