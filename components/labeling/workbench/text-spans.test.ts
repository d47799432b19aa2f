import { describe, expect, it } from "vitest";
import { moveTextSelection, selectionRange, wordBoundary } from "./text-selection";
import { addSpan, textSegments, trimRange } from "./text-spans";

const text = "Ada Lovelace met Babbage in London";
const key = (k: string, shiftKey = false, byWord = false) => ({ key: k, shiftKey, byWord });

describe("text selection by keyboard", () => {
  it("moves by characters and words and extends with shift", () => {
    let sel = moveTextSelection(text, null, key("ArrowRight"));
    expect(sel).toEqual({ anchor: 0, focus: 0 });
    sel = moveTextSelection(text, sel, key("ArrowRight", true, true));
    expect(sel).toEqual({ anchor: 0, focus: 3 });
    sel = moveTextSelection(text, sel, key("ArrowRight", true, true));
    expect(text.slice(selectionRange(sel!).start, selectionRange(sel!).end)).toBe("Ada Lovelace");
    sel = moveTextSelection(text, sel, key("ArrowLeft", true));
    expect(sel).toEqual({ anchor: 0, focus: 11 });
    // A plain arrow collapses the selection to that side.
    expect(moveTextSelection(text, sel, key("ArrowLeft"))).toEqual({ anchor: 0, focus: 0 });
    expect(moveTextSelection(text, { anchor: 34, focus: 34 }, key("ArrowRight"))).toEqual({ anchor: 34, focus: 34 });
  });

  it("finds word boundaries past punctuation in both directions", () => {
    expect(wordBoundary("Hi, you", 2, 1)).toBe(7);
    expect(wordBoundary("Hi, you", 4, -1)).toBe(0);
    expect(wordBoundary(text, 34, -1)).toBe(28);
  });
});

describe("text spans", () => {
  it("cuts the text at span and selection edges", () => {
    const spans = [{ label: "PER", start: 0, end: 12 }];
    expect(textSegments(text.length, spans, { start: 4, end: 16 })).toEqual([
      { start: 0, end: 4, spanIndex: 0, isSelected: false },
      { start: 4, end: 12, spanIndex: 0, isSelected: true },
      { start: 12, end: 16, spanIndex: null, isSelected: true },
      { start: 16, end: 34, spanIndex: null, isSelected: false },
    ]);
    expect(textSegments(0, [], null)).toEqual([]);
  });

  it("adds spans in order and refuses one that overlaps, naming the other", () => {
    const first = addSpan(text, [], { label: "LOC", start: 28, end: 34 });
    expect(first).toEqual({ spans: [{ label: "LOC", start: 28, end: 34 }] });
    const second = addSpan(text, (first as { spans: never[] }).spans, { label: "PER", start: 0, end: 12 });
    expect((second as { spans: { start: number }[] }).spans.map((s) => s.start)).toEqual([0, 28]);
    const clash = addSpan(text, [{ label: "PER", start: 0, end: 12 }], { label: "PER", start: 4, end: 16 });
    expect(clash).toEqual({ error: expect.stringContaining("“Ada Lovelace” (PER)") });
    // Touching is not overlapping.
    expect(addSpan(text, [{ label: "PER", start: 0, end: 12 }], { label: "X", start: 12, end: 16 })).toHaveProperty(
      "spans",
    );
    expect(addSpan(text, [], { label: "X", start: 3, end: 3 })).toEqual({ error: "Select some text first" });
  });

  it("trims spaces off a selection's ends", () => {
    expect(trimRange(text, 3, 13)).toEqual({ start: 4, end: 12 });
    expect(trimRange("   ", 0, 3)).toEqual({ start: 3, end: 3 });
  });
});
