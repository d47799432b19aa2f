import { describe, expect, it } from "vitest";
import {
  acceptSuggestion,
  relabelRegion,
  removeRegion,
  startingResult,
  submitBlocker,
  suggestionSummary,
  toggleLabel,
} from "./result-edits";

describe("result edits", () => {
  it("starts from the earlier labels of the task's field only", () => {
    expect(startingResult("objectDetection", null)).toEqual({ boxes: [] });
    expect(startingResult("textClassification", { labels: ["pos"], boxes: [] })).toEqual({ labels: ["pos"] });
  });

  it("picks one label in a single-label task and toggles in a multi-label one", () => {
    expect(toggleLabel({ labels: ["cat"] }, "dog", false)).toEqual({ labels: ["dog"] });
    expect(toggleLabel({ labels: ["cat"] }, "cat", false)).toEqual({ labels: [] });
    expect(toggleLabel({ labels: ["cat"] }, "dog", true)).toEqual({ labels: ["cat", "dog"] });
    expect(toggleLabel({ labels: ["cat", "dog"] }, "cat", true)).toEqual({ labels: ["dog"] });
  });

  it("relabels and removes the selected region, leaving others alone", () => {
    const result = {
      boxes: [
        { label: "car", x: 0, y: 0, width: 5, height: 5 },
        { label: "car", x: 9, y: 9, width: 5, height: 5 },
      ],
    };
    expect(relabelRegion(result, { kind: "box", index: 1 }, "person").boxes!.map((b) => b.label)).toEqual([
      "car",
      "person",
    ]);
    expect(relabelRegion(result, { kind: "box", index: 7 }, "person")).toBe(result);
    expect(removeRegion(result, { kind: "box", index: 0 }).boxes).toEqual([result.boxes[1]]);
  });

  it("copies a suggestion in, never overlapping a span already there", () => {
    const prediction = {
      source: "m",
      score: 0.92,
      result: {
        spans: [
          { label: "PER", start: 0, end: 3 },
          { label: "LOC", start: 10, end: 14 },
        ],
      },
    };
    const accepted = acceptSuggestion(
      { spans: [{ label: "PER", start: 2, end: 5 }] },
      prediction,
      "textEntities",
      false,
    );
    expect(accepted.spans).toEqual([
      { label: "PER", start: 2, end: 5 },
      { label: "LOC", start: 10, end: 14 },
    ]);
    const cls = { source: "m", score: 0.8, result: { labels: ["cat", "dog"] } };
    expect(acceptSuggestion({ labels: ["dog"] }, cls, "imageClassification", false)).toEqual({ labels: ["cat"] });
    expect(acceptSuggestion({ labels: ["bird"] }, cls, "imageClassification", true)).toEqual({
      labels: ["bird", "cat", "dog"],
    });
  });

  it("says why labels cannot be submitted and summarises suggestions", () => {
    expect(submitBlocker({ labels: [] }, "imageClassification")).toBe("Pick a label first");
    expect(submitBlocker({ boxes: [] }, "objectDetection")).toBeNull();
    expect(suggestionSummary({ source: "m", score: 0.923, result: { labels: ["cat"] } })).toBe("cat (92%)");
    const boxes = { label: "car", x: 0, y: 0, width: 1, height: 1 };
    expect(
      suggestionSummary({ source: "m", score: null, result: { boxes: [boxes, { ...boxes, label: "bus" }] } }),
    ).toBe("2 boxes: car, bus");
    expect(
      suggestionSummary({ source: "m", score: null, result: { spans: [{ label: "PER", start: 0, end: 1 }] } }),
    ).toBe("1 span: PER");
  });
});
