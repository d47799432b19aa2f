"use client";

import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
  type Ref,
} from "react";
import { isTypingTarget } from "./workbench-keys";
import { fitView, zoomAt, type TView } from "./image-viewport-math";
import type { TSize } from "./workbench-types";

export type TViewportHandle = { zoom: (direction: 1 | -1) => void; fit: () => void };

const STEP = 1.25;

/**
 * An image in a frame that zooms (wheel, buttons, ctrl+=/−) and pans (drag with space held or the pan
 * tool). Children draw over the image in its natural pixels; they get the zoom to keep strokes thin.
 */
export function ImageViewport({
  src,
  alt,
  size,
  isPanTool,
  handleRef,
  children,
}: {
  src: string;
  alt: string;
  size: TSize;
  isPanTool: boolean;
  handleRef?: Ref<TViewportHandle>;
  children?: (scale: number) => ReactNode;
}) {
  const frameRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<TView | null>(null);
  const [isSpaceHeld, setSpaceHeld] = useState(false);
  const [pan, setPan] = useState<{ x: number; y: number; view: TView } | null>(null);
  const [isBroken, setBroken] = useState(false);

  const frameSize = useCallback(() => {
    const rect = frameRef.current?.getBoundingClientRect();
    return rect ? { width: rect.width, height: rect.height } : null;
  }, []);
  const fit = useCallback(() => {
    const frame = frameSize();
    if (frame) setView(fitView(size, frame));
  }, [frameSize, size]);

  useLayoutEffect(fit, [fit, src]);
  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    const observer = new ResizeObserver(() => fit());
    observer.observe(frame);
    return () => observer.disconnect();
  }, [fit]);

  useImperativeHandle(handleRef, () => ({
    fit,
    zoom: (direction) => {
      const frame = frameSize();
      if (frame) setView((v) => v && zoomAt(v, direction > 0 ? STEP : 1 / STEP, [frame.width / 2, frame.height / 2]));
    },
  }));

  // A wheel listener must be non-passive to keep the page from scrolling while zooming.
  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = frame.getBoundingClientRect();
      const factor = Math.exp(-event.deltaY * 0.0015);
      setView((v) => v && zoomAt(v, factor, [event.clientX - rect.left, event.clientY - rect.top]));
    };
    frame.addEventListener("wheel", onWheel, { passive: false });
    return () => frame.removeEventListener("wheel", onWheel);
  }, []);

  useEffect(() => {
    const down = (event: KeyboardEvent) => {
      if (event.key !== " " || isTypingTarget(event.target)) return;
      event.preventDefault();
      setSpaceHeld(true);
    };
    const up = (event: KeyboardEvent) => {
      if (event.key === " ") setSpaceHeld(false);
    };
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    return () => {
      window.removeEventListener("keydown", down);
      window.removeEventListener("keyup", up);
    };
  }, []);

  const isPanning = isPanTool || isSpaceHeld;
  return (
    <div
      ref={frameRef}
      data-testid="image-viewport"
      className="relative h-full w-full touch-none select-none overflow-hidden rounded bg-slate-800"
      style={{ cursor: pan ? "grabbing" : isPanning ? "grab" : undefined }}
      // Capture first, so a pan never starts a drawing underneath.
      onPointerDownCapture={(event) => {
        if (!isPanning || !view || event.button !== 0) return;
        event.stopPropagation();
        event.currentTarget.setPointerCapture(event.pointerId);
        setPan({ x: event.clientX, y: event.clientY, view });
      }}
      onPointerMove={(event) => {
        if (pan) setView({ ...pan.view, x: pan.view.x + event.clientX - pan.x, y: pan.view.y + event.clientY - pan.y });
      }}
      onPointerUp={() => setPan(null)}
    >
      {view ? (
        <div
          className="absolute left-0 top-0"
          style={{
            width: size.width,
            height: size.height,
            transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})`,
            transformOrigin: "0 0",
          }}
        >
          <img
            src={src}
            alt={alt}
            width={size.width}
            height={size.height}
            draggable={false}
            onError={() => setBroken(true)}
            className="block max-w-none"
            style={{ width: size.width, height: size.height, imageRendering: view.scale > 4 ? "pixelated" : "auto" }}
          />
          {children?.(view.scale)}
        </div>
      ) : null}
      {isBroken ? (
        <p role="alert" className="absolute left-3 top-3 rounded bg-red-50 px-2 py-1 text-sm text-red-800">
          The image could not be loaded.
        </p>
      ) : null}
      <div className="absolute bottom-2 right-2 flex items-center gap-1 rounded bg-white/90 p-1 text-xs shadow">
        <button
          type="button"
          aria-label="Zoom out"
          className="rounded px-2 py-0.5 hover:bg-slate-100"
          onClick={() => setView((v) => v && zoomAt(v, 1 / STEP, center(frameSize())))}
        >
          −
        </button>
        <span className="w-12 text-center tabular-nums text-slate-600" data-testid="zoom-level">
          {view ? `${Math.round(view.scale * 100)}%` : ""}
        </span>
        <button
          type="button"
          aria-label="Zoom in"
          className="rounded px-2 py-0.5 hover:bg-slate-100"
          onClick={() => setView((v) => v && zoomAt(v, STEP, center(frameSize())))}
        >
          +
        </button>
        <button type="button" className="rounded px-2 py-0.5 font-medium hover:bg-slate-100" onClick={fit}>
          Fit
        </button>
      </div>
    </div>
  );
}

function center(frame: TSize | null): [number, number] {
  return frame ? [frame.width / 2, frame.height / 2] : [0, 0];
}
