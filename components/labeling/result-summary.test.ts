import { describe, expect, it } from "vitest";
import { resultSummary } from "./result-summary";

describe("resultSummary", () => {
  it("says labels, or how many regions of which labels", () => {
    expect(resultSummary({ labels: ["cat", "indoor"] })).toBe("cat, indoor");
    expect(resultSummary({ boxes: [] })).toBe("no boxes");
    expect(
      resultSummary({
        boxes: [
          { label: "car", x: 0, y: 0, width: 1, height: 1 },
          { label: "car", x: 0, y: 0, width: 1, height: 1 },
          { label: "bus", x: 0, y: 0, width: 1, height: 1 },
        ],
      }),
    ).toBe("3 boxes: car ×2, bus");
    expect(resultSummary({ spans: [{ label: "PER", start: 0, end: 3 }] })).toBe("1 span: PER");
    expect(resultSummary(null)).toBe("—");
  });
});
