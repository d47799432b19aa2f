"use client";

import { useEffect, useRef, useState } from "react";

export type TConsoleLine = { seq: number; stream: string; text: string };

const MAX_LINES = 200_000;

/**
 * A run's console, live: the server-sent event stream from the first line (EventSource resumes
 * by itself with Last-Event-ID after a dropped connection), closed once the run has ended.
 */
export function useRunConsole(runId: string, onStatus: (status: string) => void) {
  const [lines, setLines] = useState<TConsoleLine[]>([]);
  const [state, setState] = useState<"connecting" | "live" | "ended" | "error">("connecting");
  const pending = useRef<TConsoleLine[]>([]);
  const onStatusRef = useRef(onStatus);
  onStatusRef.current = onStatus;

  useEffect(() => {
    const source = new EventSource(`/api/v1/runs/${encodeURIComponent(runId)}/logs/stream`);
    // Lines arrive in bursts (1,000/s and more): render at most once a frame.
    let frame = 0;
    const flush = () => {
      frame = 0;
      const batch = pending.current;
      pending.current = [];
      setLines((previous) => {
        const next = previous.concat(batch);
        return next.length > MAX_LINES ? next.slice(next.length - MAX_LINES) : next;
      });
    };
    source.addEventListener("open", () => setState("live"));
    source.addEventListener("line", (event) => {
      pending.current.push(JSON.parse((event as MessageEvent<string>).data) as TConsoleLine);
      frame ||= requestAnimationFrame(flush);
    });
    source.addEventListener("status", (event) =>
      onStatusRef.current((JSON.parse((event as MessageEvent<string>).data) as { status: string }).status),
    );
    source.addEventListener("end", (event) => {
      onStatusRef.current((JSON.parse((event as MessageEvent<string>).data) as { status: string }).status);
      source.close();
      flush();
      setState("ended");
    });
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) setState((s) => (s === "ended" ? s : "error"));
      else setState((s) => (s === "ended" ? s : "connecting"));
    });
    return () => {
      source.close();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [runId]);

  return { lines, state };
}
