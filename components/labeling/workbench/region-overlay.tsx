"use client";

import { useImperativeHandle, useRef, useState, type PointerEvent, type Ref } from "react";
import { boxCorners, boxFromCorners, clampPoint, moveBox, movePoints, oppositeCorner } from "./region-geometry";
import { RegionShape } from "./region-shape";
import { suggestionSummary } from "./result-edits";
import type { TTool } from "./workbench-keys";
import type { TBox, TPoint, TPrediction, TRegionRef, TResult, TSize, TWorkbenchLabel } from "./workbench-types";

export type TOverlayHandle = { closePolygon: () => void; cancelDraft: () => boolean };

type TDrag =
  | { kind: "draw"; from: TPoint; to: TPoint }
  | { kind: "move"; ref: TRegionRef; from: TPoint; to: TPoint }
  | { kind: "vertex"; index: number; vertex: number; to: TPoint }
  | { kind: "corner"; index: number; corner: number; to: TPoint };

/** How near (screen pixels) a click must be to the first vertex to close a polygon. */
const CLOSE_RADIUS = 9;

/**
 * Boxes and polygons over an image, in its natural pixels (the viewBox is the image's size). Draws
 * with the rectangle and polygon tools; in select mode moves regions, box corners and polygon
 * vertices. A drag previews live and lands as one edit when the pointer is released.
 */
export function RegionOverlay({
  size,
  scale,
  result,
  suggestions,
  labels,
  tool,
  activeLabel,
  selected,
  isReadOnly,
  onSelect,
  onChange,
  handleRef,
}: {
  size: TSize;
  scale: number;
  result: TResult;
  suggestions: readonly TPrediction[];
  labels: readonly TWorkbenchLabel[];
  tool: TTool;
  activeLabel: string;
  selected: TRegionRef | null;
  isReadOnly: boolean;
  onSelect: (ref: TRegionRef | null) => void;
  onChange: (result: TResult) => void;
  handleRef?: Ref<TOverlayHandle>;
}) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<TDrag | null>(null);
  const [draft, setDraft] = useState<TPoint[]>([]);
  const [hover, setHover] = useState<TPoint | null>(null);
  const polygons = result.polygons ?? [];
  const colorOf = (label: string) => labels.find((l) => l.name === label)?.color ?? "#64748b";

  const closeDraft = (points: TPoint[]) => {
    if (points.length < 3) return;
    onChange({ ...result, polygons: [...polygons, { label: activeLabel, points }] });
    onSelect({ kind: "polygon", index: polygons.length });
    setDraft([]);
  };
  useImperativeHandle(handleRef, () => ({
    closePolygon: () => closeDraft(draft),
    cancelDraft: () => {
      const hadDraft = draft.length > 0 || drag !== null;
      setDraft([]);
      setDrag(null);
      return hadDraft;
    },
  }));

  const pointOf = (event: PointerEvent): TPoint => {
    const rect = svgRef.current!.getBoundingClientRect();
    return [
      ((event.clientX - rect.left) * size.width) / rect.width,
      ((event.clientY - rect.top) * size.height) / rect.height,
    ];
  };
  const startDrag = (event: PointerEvent, next: TDrag) => {
    event.stopPropagation();
    svgRef.current!.setPointerCapture(event.pointerId);
    setDrag(next);
  };

  const onBackgroundDown = (event: PointerEvent) => {
    if (isReadOnly || event.button !== 0) return;
    const point = clampPoint(pointOf(event), size);
    if (tool === "rect") startDrag(event, { kind: "draw", from: point, to: point });
    else if (tool === "polygon") {
      const first = draft[0];
      if (first && draft.length >= 3 && Math.hypot(first[0] - point[0], first[1] - point[1]) * scale <= CLOSE_RADIUS)
        closeDraft(draft);
      else setDraft([...draft, point]);
    } else if (tool === "select") onSelect(null);
  };
  const onMove = (event: PointerEvent) => {
    const point = pointOf(event);
    if (drag) setDrag({ ...drag, to: point });
    else if (draft.length > 0) setHover(clampPoint(point, size));
  };
  const onUp = () => {
    if (!drag) return;
    setDrag(null);
    const edited = applyDrag(drag, result, size, activeLabel);
    if (!edited) return;
    onChange(edited.result);
    onSelect(edited.selected);
  };

  // What is drawn: the result with the drag in progress applied, so moves preview live.
  const shown = drag && drag.kind !== "draw" ? (applyDrag(drag, result, size, activeLabel)?.result ?? result) : result;
  const drawing = drag?.kind === "draw" ? boxFromCorners(drag.from, drag.to, size, activeLabel) : null;
  const canEdit = !isReadOnly && tool === "select";
  const handle = 5 / scale;

  return (
    <svg
      ref={svgRef}
      aria-label="Image regions"
      data-testid="region-overlay"
      viewBox={`0 0 ${size.width} ${size.height}`}
      width={size.width}
      height={size.height}
      className="absolute left-0 top-0 overflow-visible"
      style={{ cursor: isReadOnly ? "default" : tool === "select" ? "default" : "crosshair" }}
      onPointerDown={onBackgroundDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
    >
      <rect width={size.width} height={size.height} fill="transparent" />
      {suggestions.flatMap((p, pi) => [
        ...(p.result.boxes ?? []).map((b, i) => (
          <RegionShape
            key={`sb${pi}-${i}`}
            box={b}
            color={colorOf(b.label)}
            scale={scale}
            isGhost
            tag={`Suggested: ${suggestionSummary({ ...p, result: { labels: [b.label] } })}`}
          />
        )),
        ...(p.result.polygons ?? []).map((g, i) => (
          <RegionShape
            key={`sp${pi}-${i}`}
            points={g.points as TPoint[]}
            color={colorOf(g.label)}
            scale={scale}
            isGhost
            tag={`Suggested: ${suggestionSummary({ ...p, result: { labels: [g.label] } })}`}
          />
        )),
      ])}
      {(shown.boxes ?? []).map((b, i) => {
        const isSelected = selected?.kind === "box" && selected.index === i;
        return (
          <RegionShape
            key={`b${i}`}
            box={b}
            color={colorOf(b.label)}
            scale={scale}
            tag={b.label}
            isSelected={isSelected}
            isInteractive={canEdit}
            onPointerDown={(e) => {
              if (!canEdit) return;
              onSelect({ kind: "box", index: i });
              startDrag(e, { kind: "move", ref: { kind: "box", index: i }, from: pointOf(e), to: pointOf(e) });
            }}
          >
            {isSelected && canEdit
              ? boxCorners(b).map(([x, y], c) => (
                  <rect
                    key={c}
                    data-testid="box-corner"
                    x={x - handle}
                    y={y - handle}
                    width={handle * 2}
                    height={handle * 2}
                    fill="white"
                    stroke={colorOf(b.label)}
                    strokeWidth={1.5 / scale}
                    style={{ cursor: c % 2 === 0 ? "nwse-resize" : "nesw-resize" }}
                    onPointerDown={(e) => startDrag(e, { kind: "corner", index: i, corner: c, to: pointOf(e) })}
                  />
                ))
              : null}
          </RegionShape>
        );
      })}
      {(shown.polygons ?? []).map((g, i) => {
        const isSelected = selected?.kind === "polygon" && selected.index === i;
        return (
          <RegionShape
            key={`p${i}`}
            points={g.points as TPoint[]}
            color={colorOf(g.label)}
            scale={scale}
            tag={g.label}
            isSelected={isSelected}
            isInteractive={canEdit}
            onPointerDown={(e) => {
              if (!canEdit) return;
              onSelect({ kind: "polygon", index: i });
              startDrag(e, { kind: "move", ref: { kind: "polygon", index: i }, from: pointOf(e), to: pointOf(e) });
            }}
          >
            {isSelected && canEdit
              ? g.points.map(([x, y], v) => (
                  <circle
                    key={v}
                    data-testid="polygon-vertex"
                    cx={x}
                    cy={y}
                    r={handle}
                    fill="white"
                    stroke={colorOf(g.label)}
                    strokeWidth={1.5 / scale}
                    style={{ cursor: "move" }}
                    onPointerDown={(e) => startDrag(e, { kind: "vertex", index: i, vertex: v, to: pointOf(e) })}
                  />
                ))
              : null}
          </RegionShape>
        );
      })}
      {drawing ? <RegionShape box={drawing} color={colorOf(activeLabel)} scale={scale} tag={activeLabel} /> : null}
      {draft.length > 0 ? (
        <g pointerEvents="none" data-testid="polygon-draft">
          <polyline
            points={[...draft, ...(hover ? [hover] : [])].map((p) => p.join(",")).join(" ")}
            fill="none"
            stroke={colorOf(activeLabel)}
            strokeWidth={2 / scale}
          />
          {draft.map(([x, y], v) => (
            <circle
              key={v}
              cx={x}
              cy={y}
              r={(v === 0 ? 6 : 3.5) / scale}
              fill={v === 0 ? "white" : colorOf(activeLabel)}
              stroke={colorOf(activeLabel)}
              strokeWidth={1.5 / scale}
            />
          ))}
        </g>
      ) : null}
    </svg>
  );
}

/** The result a finished drag makes, with what to select, or null when it changes nothing. */
function applyDrag(
  drag: TDrag,
  result: TResult,
  size: TSize,
  label: string,
): { result: TResult; selected: TRegionRef } | null {
  const polygons = result.polygons ?? [];
  const boxes = result.boxes ?? [];
  switch (drag.kind) {
    case "draw": {
      const box = boxFromCorners(drag.from, drag.to, size, label);
      return box
        ? { result: { ...result, boxes: [...boxes, box] }, selected: { kind: "box", index: boxes.length } }
        : null;
    }
    case "move": {
      const dx = drag.to[0] - drag.from[0];
      const dy = drag.to[1] - drag.from[1];
      if (Math.abs(dx) < 0.05 && Math.abs(dy) < 0.05) return null;
      const i = drag.ref.index;
      if (drag.ref.kind === "box") {
        const moved = boxes.map((b, j) => (j === i ? moveBox(b, dx, dy, size) : b));
        return { result: { ...result, boxes: moved }, selected: drag.ref };
      }
      const moved = polygons.map((g, j) =>
        j === i ? { ...g, points: movePoints(g.points as TPoint[], dx, dy, size) } : g,
      );
      return { result: { ...result, polygons: moved }, selected: drag.ref };
    }
    case "vertex": {
      const point = clampPoint(drag.to, size);
      const moved = polygons.map((g, j) =>
        j === drag.index ? { ...g, points: g.points.map((p, v) => (v === drag.vertex ? point : p)) } : g,
      );
      return { result: { ...result, polygons: moved }, selected: { kind: "polygon", index: drag.index } };
    }
    case "corner": {
      const box = boxes[drag.index];
      const resized: TBox | null = box
        ? boxFromCorners(oppositeCorner(box, drag.corner), drag.to, size, box.label)
        : null;
      if (!resized) return null;
      return {
        result: { ...result, boxes: boxes.map((b, j) => (j === drag.index ? resized : b)) },
        selected: { kind: "box", index: drag.index },
      };
    }
  }
}
