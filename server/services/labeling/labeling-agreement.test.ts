import { describe, expect, it } from "vitest";
import { boxIou, consensus, itemAgreement, pairAgreement, polygonIou } from "./labeling-agreement";

const box = (label: string, x: number, y: number, width = 10, height = 10) => ({ label, x, y, width, height });

describe("labeling agreement", () => {
  it("is exact match for classification, order of a multi-label set aside", () => {
    expect(pairAgreement("imageClassification", { labels: ["cat"] }, { labels: ["cat"] })).toBe(1);
    expect(pairAgreement("imageClassification", { labels: ["cat"] }, { labels: ["dog"] })).toBe(0);
    expect(pairAgreement("textClassification", { labels: ["a", "b"] }, { labels: ["b", "a"] })).toBe(1);
    expect(pairAgreement("textClassification", { labels: ["a", "b"] }, { labels: ["a"] })).toBe(0);
    // Three people: one pair of three agrees.
    expect(itemAgreement("imageClassification", [{ labels: ["x"] }, { labels: ["x"] }, { labels: ["y"] }])).toBeCloseTo(
      1 / 3,
    );
    expect(itemAgreement("imageClassification", [{ labels: ["x"] }])).toBeNull();
  });

  it("matches boxes one to one at IoU 0.5 with the same label, and scores the F1", () => {
    expect(boxIou(box("a", 0, 0), box("a", 5, 0))).toBeCloseTo(50 / 150);
    expect(boxIou(box("a", 0, 0), box("a", 20, 20))).toBe(0);
    // One box shifted by one pixel (IoU 0.82) matches; a second box only one person drew does not.
    const a = { boxes: [box("car", 0, 0), box("car", 50, 50)] };
    const b = { boxes: [box("car", 1, 0)] };
    expect(pairAgreement("objectDetection", a, b)).toBeCloseTo((2 * 1) / 3);
    // Same place, different label: no match.
    expect(pairAgreement("objectDetection", { boxes: [box("car", 0, 0)] }, { boxes: [box("bus", 0, 0)] })).toBe(0);
    // Both drew nothing: they agree.
    expect(pairAgreement("objectDetection", { boxes: [] }, { boxes: [] })).toBe(1);
  });

  it("computes polygon IoU close to the exact value", () => {
    const square = (x: number) => ({
      label: "s",
      points: [
        [x, 0],
        [x + 10, 0],
        [x + 10, 10],
        [x, 10],
      ] as [number, number][],
    });
    expect(polygonIou(square(0), square(0))).toBeCloseTo(1, 2);
    expect(polygonIou(square(0), square(5))).toBeCloseTo(1 / 3, 1);
    expect(pairAgreement("instanceSegmentation", { polygons: [square(0)] }, { polygons: [square(1)] })).toBe(1);
  });

  it("scores spans by exact boundaries and label", () => {
    const a = {
      spans: [
        { label: "PER", start: 0, end: 5 },
        { label: "LOC", start: 10, end: 15 },
      ],
    };
    const b = {
      spans: [
        { label: "PER", start: 0, end: 5 },
        { label: "LOC", start: 10, end: 14 },
      ],
    };
    expect(pairAgreement("textEntities", a, b)).toBeCloseTo(0.5);
  });

  it("picks the majority label as consensus, and the most agreed-with result for regions", () => {
    expect(consensus("imageClassification", [{ labels: ["x"] }, { labels: ["y"] }, { labels: ["y"] }])).toEqual({
      result: { labels: ["y"] },
      support: 2 / 3,
    });
    const near = { boxes: [box("car", 0, 0)] };
    const alsoNear = { boxes: [box("car", 1, 1)] };
    const far = { boxes: [box("car", 40, 40)] };
    expect(consensus("objectDetection", [far, near, alsoNear])!.result).toBe(near);
    expect(consensus("objectDetection", [])).toBeNull();
  });
});
