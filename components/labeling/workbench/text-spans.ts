import type { TSpan } from "./workbench-types";

/** A run of text that is the same all along: inside one span or none, selected or not. */
export type TTextSegment = { start: number; end: number; spanIndex: number | null; isSelected: boolean };

/** The text cut at every span and selection edge, in order, for rendering highlights. */
export function textSegments(
  length: number,
  spans: readonly TSpan[],
  selected: { start: number; end: number } | null,
): TTextSegment[] {
  const cuts = new Set([0, length]);
  for (const s of spans) cuts.add(s.start).add(s.end);
  if (selected) cuts.add(selected.start).add(selected.end);
  const edges = [...cuts].filter((c) => c >= 0 && c <= length).sort((a, b) => a - b);
  const segments: TTextSegment[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const start = edges[i]!;
    const end = edges[i + 1]!;
    const spanIndex = spans.findIndex((s) => s.start <= start && end <= s.end);
    segments.push({
      start,
      end,
      spanIndex: spanIndex >= 0 ? spanIndex : null,
      isSelected: selected !== null && selected.start <= start && end <= selected.end,
    });
  }
  return segments;
}

/**
 * The spans with a new one added in order, or why not: one character has one entity, so a span that
 * overlaps another is refused, naming the one in the way.
 */
export function addSpan(text: string, spans: readonly TSpan[], span: TSpan): { spans: TSpan[] } | { error: string } {
  if (span.end <= span.start) return { error: "Select some text first" };
  const clash = spans.find((s) => span.start < s.end && s.start < span.end);
  if (clash)
    return {
      error: `That overlaps “${text.slice(clash.start, clash.end)}” (${clash.label}); one character has one entity. Remove it first.`,
    };
  return { spans: [...spans, span].sort((a, b) => a.start - b.start) };
}

/** The selection trimmed of spaces at its ends, so a sloppy double-click does not label whitespace. */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}
