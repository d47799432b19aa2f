import { describe, expect, it } from "vitest";
import { labelHistory, type THistory } from "./label-history";

const start: THistory<string> = { past: [], present: "a", future: [] };

describe("label history", () => {
  it("undoes and redoes edits in order", () => {
    let h = labelHistory(start, { type: "edit", next: "b" });
    h = labelHistory(h, { type: "edit", next: "c" });
    h = labelHistory(h, { type: "undo" });
    expect(h.present).toBe("b");
    h = labelHistory(h, { type: "undo" });
    expect(h).toEqual({ past: [], present: "a", future: ["b", "c"] });
    h = labelHistory(h, { type: "redo" });
    expect(h).toEqual({ past: ["a"], present: "b", future: ["c"] });
  });

  it("drops the redo branch on a new edit and ignores undo with nothing to undo", () => {
    let h = labelHistory(start, { type: "edit", next: "b" });
    h = labelHistory(h, { type: "undo" });
    h = labelHistory(h, { type: "edit", next: "x" });
    expect(h).toEqual({ past: ["a"], present: "x", future: [] });
    expect(labelHistory(start, { type: "undo" })).toBe(start);
    expect(labelHistory(start, { type: "redo" })).toBe(start);
  });

  it("keeps an unchanged value out of the history and forgets it all on reset", () => {
    expect(labelHistory(start, { type: "edit", next: "a" })).toBe(start);
    const h = labelHistory(labelHistory(start, { type: "edit", next: "b" }), { type: "reset", present: "z" });
    expect(h).toEqual({ past: [], present: "z", future: [] });
  });

  it("keeps at most 500 past values", () => {
    let h: THistory<number> = { past: [], present: 0, future: [] };
    for (let i = 1; i <= 600; i++) h = labelHistory(h, { type: "edit", next: i });
    expect(h.past).toHaveLength(500);
    expect(h.past[0]).toBe(100);
  });
});
