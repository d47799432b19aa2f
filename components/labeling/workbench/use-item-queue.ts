"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/**
 * The item on screen and the one after it, asked for while the first is being worked on (and its
 * image preloaded), so moving on is immediate. `current` is undefined while the first is loading and
 * null when nothing is left.
 */
export function useItemQueue<T>({
  fetchNext,
  keyOf,
  preload,
}: {
  fetchNext: (exclude: string[]) => Promise<T | null>;
  keyOf: (item: T) => string;
  preload?: (item: T) => void;
}) {
  const [current, setCurrent] = useState<T | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const upcoming = useRef<Promise<T | null> | null>(null);
  const calls = useRef({ fetchNext, keyOf, preload });
  useEffect(() => {
    calls.current = { fetchNext, keyOf, preload };
  });

  const show = useCallback((item: T | null) => {
    setCurrent(item);
    setError(null);
    if (!item) return;
    const { fetchNext, keyOf, preload } = calls.current;
    const next = fetchNext([keyOf(item)]);
    // A failed prefetch is retried when it is needed; it must not surface as an unhandled rejection.
    next.then((n) => n && preload?.(n)).catch(() => {});
    upcoming.current = next;
  }, []);

  const advance = useCallback(async () => {
    const waiting = upcoming.current;
    upcoming.current = null;
    try {
      show(await (waiting ?? calls.current.fetchNext([])).catch(() => calls.current.fetchNext([])));
    } catch (e) {
      setError(e);
    }
  }, [show]);

  useEffect(() => {
    let isLive = true;
    calls.current.fetchNext([]).then(
      (item) => isLive && show(item),
      (e) => isLive && setError(e),
    );
    return () => {
      isLive = false;
    };
  }, [show]);

  return { current, error, advance };
}

/** Starts the download of an image so it is in the browser's cache when shown. */
export function preloadImage(url: string | null): void {
  if (!url) return;
  const image = new Image();
  image.src = url;
}
