"use client";

import { useEffect, useRef, useState } from "react";

/** `key` is this page's own count: a stream resumed after a reconnect may number its lines anew. */
export type TConsoleLine = { key: number; seq: number; stream: string; text: string; instance?: string };

const MAX_LINES = 200_000;

/**
 * A console, live (a run's, a deployment's): the server-sent event stream at `url` from the first
 * line (EventSource resumes by itself with Last-Event-ID after a dropped connection), closed once
 * it sends `end`. No stream while `url` is null.
 */
export function useLogStream(url: string | null, onStatus: (status: string) => void) {
  const [lines, setLines] = useState<TConsoleLine[]>([]);
  const [state, setState] = useState<"connecting" | "live" | "ended" | "error">("connecting");
  const pending = useRef<TConsoleLine[]>([]);
  const onStatusRef = useRef(onStatus);
  onStatusRef.current = onStatus;

  useEffect(() => {
    setLines([]);
    setState("connecting");
    pending.current = [];
    if (url === null) return;
    const source = new EventSource(url);
    let count = 0;
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
      const line = JSON.parse((event as MessageEvent<string>).data) as Omit<TConsoleLine, "key">;
      pending.current.push({ ...line, key: ++count });
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
  }, [url]);

  return { lines, state };
}
