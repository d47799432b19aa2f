import { describe, expect, it } from "vitest";
import { fitView, zoomAt } from "./image-viewport-math";

describe("image viewport", () => {
  it("fits a wide image to the frame's width and centres it", () => {
    expect(fitView({ width: 200, height: 100 }, { width: 432, height: 432 })).toEqual({ scale: 2, x: 16, y: 116 });
  });

  it("keeps the pixel under the cursor in place while zooming", () => {
    const view = { scale: 2, x: 16, y: 116 };
    const zoomed = zoomAt(view, 1.5, [116, 216]);
    expect(zoomed.scale).toBe(3);
    // Image pixel (50, 50) was at (116, 216) and still is.
    expect([zoomed.x + 50 * zoomed.scale, zoomed.y + 50 * zoomed.scale]).toEqual([116, 216]);
  });

  it("bounds the zoom", () => {
    expect(zoomAt({ scale: 60, x: 0, y: 0 }, 10, [0, 0]).scale).toBe(64);
    expect(zoomAt({ scale: 0.03, x: 0, y: 0 }, 0.1, [0, 0]).scale).toBe(0.02);
  });
});
