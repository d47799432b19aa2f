"use client";

import { Fragment, useRef } from "react";
import { selectionRange, type TTextSelection } from "./text-selection";
import { textSegments, trimRange } from "./text-spans";
import type { TSpan, TWorkbenchLabel } from "./workbench-types";

/**
 * The text of an entity task with its spans as coloured highlights tagged with their label. A mouse
 * selection becomes character offsets (each run of text carries where it starts); the keyboard caret
 * and selection are drawn here and moved by the page's arrow keys.
 */
export function TextEntitiesView({
  text,
  spans,
  labels,
  selection,
  selectedSpan,
  isReadOnly,
  onSelection,
  onSelectSpan,
}: {
  text: string;
  spans: readonly TSpan[];
  labels: readonly TWorkbenchLabel[];
  selection: TTextSelection | null;
  selectedSpan: number | null;
  isReadOnly: boolean;
  onSelection: (selection: TTextSelection | null) => void;
  onSelectSpan: (index: number | null) => void;
}) {
  const rootRef = useRef<HTMLDivElement>(null);
  const range = selection ? selectionRange(selection) : null;
  // A collapsed selection still cuts the text, so the caret has a place between runs.
  const segments = textSegments(text.length, spans, range);
  const caret = !isReadOnly && selection ? selection.focus : null;
  const colorOf = (label: string) => labels.find((l) => l.name === label)?.color ?? "#64748b";

  const onMouseUp = () => {
    if (isReadOnly) return;
    const dom = window.getSelection();
    const root = rootRef.current;
    if (!dom || dom.rangeCount === 0 || !root || !dom.anchorNode || !dom.focusNode) return;
    const anchor = offsetIn(root, dom.anchorNode, dom.anchorOffset);
    const focus = offsetIn(root, dom.focusNode, dom.focusOffset);
    if (anchor === null || focus === null) return;
    dom.removeAllRanges();
    if (anchor === focus) {
      const hit = spans.findIndex((s) => s.start <= anchor && anchor < s.end);
      onSelectSpan(hit >= 0 ? hit : null);
      onSelection({ anchor, focus });
      return;
    }
    const trimmed = trimRange(text, Math.min(anchor, focus), Math.max(anchor, focus));
    onSelectSpan(null);
    onSelection({ anchor: trimmed.start, focus: trimmed.end });
  };

  return (
    <div
      ref={rootRef}
      aria-label="Text to label"
      data-testid="label-text"
      onMouseUp={onMouseUp}
      className="max-h-full overflow-y-auto whitespace-pre-wrap break-words rounded border border-slate-200 bg-white px-6 py-5 text-lg leading-10 text-slate-900"
    >
      {segments.map((segment) => {
        const index = segment.spanIndex;
        const span = index === null ? null : spans[index]!;
        const color = span ? colorOf(span.label) : null;
        const isSpanSelected = index !== null && index === selectedSpan;
        return (
          <Fragment key={segment.start}>
            {caret === segment.start ? <Caret /> : null}
            <span
              data-start={segment.start}
              data-span={index ?? undefined}
              className={`${segment.isSelected ? "bg-sky-200" : ""} ${isSpanSelected ? "outline outline-2 outline-offset-1 outline-slate-900" : ""} ${span ? "rounded-sm" : ""}`}
              style={
                span
                  ? {
                      backgroundColor: segment.isSelected ? undefined : `${color}26`,
                      boxShadow: `inset 0 -3px 0 ${color}`,
                    }
                  : undefined
              }
            >
              {text.slice(segment.start, segment.end)}
            </span>
            {span && segment.end === span.end ? (
              <span
                data-end={span.end}
                data-testid="span-tag"
                className="mx-0.5 select-none rounded px-1 align-middle text-[11px] font-semibold leading-4 text-white"
                style={{ backgroundColor: color! }}
              >
                {span.label}
              </span>
            ) : null}
          </Fragment>
        );
      })}
      {caret === text.length ? <Caret /> : null}
    </div>
  );
}

function Caret() {
  return (
    <span
      aria-hidden
      data-testid="text-caret"
      className="-mr-0.5 inline-block h-6 w-0.5 animate-pulse bg-sky-700 align-middle"
    />
  );
}

/** A DOM position as a character offset of the text: from the run it falls in, or a tag's span end. */
function offsetIn(root: HTMLElement, node: Node, offset: number): number | null {
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const holder = element?.closest<HTMLElement>("[data-start],[data-end]");
  if (!holder || !root.contains(holder)) return null;
  if (holder.dataset.end !== undefined) return Number(holder.dataset.end);
  const start = Number(holder.dataset.start);
  if (node.nodeType === Node.TEXT_NODE) return start + offset;
  return offset > 0 ? start + (holder.textContent?.length ?? 0) : start;
}
