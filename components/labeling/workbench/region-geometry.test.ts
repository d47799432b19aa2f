import { describe, expect, it } from "vitest";
import { boxFromCorners, clampPoint, moveBox, movePoints, oppositeCorner } from "./region-geometry";

const size = { width: 100, height: 50 };

describe("region geometry", () => {
  it("makes a box from corners dragged in any direction, clamped to the image", () => {
    expect(boxFromCorners([80, 40], [20, 10], size, "car")).toEqual({
      label: "car",
      x: 20,
      y: 10,
      width: 60,
      height: 30,
    });
    expect(boxFromCorners([-10, -5], [130, 70], size, "car")).toEqual({
      label: "car",
      x: 0,
      y: 0,
      width: 100,
      height: 50,
    });
    expect(boxFromCorners([10, 10], [11, 30], size, "car")).toBeNull();
  });

  it("stops a moved box at the edges", () => {
    const box = { label: "car", x: 10, y: 10, width: 20, height: 20 };
    expect(moveBox(box, 200, -40, size)).toMatchObject({ x: 80, y: 0 });
    expect(moveBox(box, 5, 5, size)).toMatchObject({ x: 15, y: 15 });
  });

  it("shortens a polygon's move so every point stays inside", () => {
    const points: [number, number][] = [
      [10, 10],
      [30, 10],
      [20, 40],
    ];
    expect(movePoints(points, 100, 100, size)).toEqual([
      [80, 20],
      [100, 20],
      [90, 50],
    ]);
    expect(movePoints(points, -15, 0, size)).toEqual([
      [0, 10],
      [20, 10],
      [10, 40],
    ]);
  });

  it("clamps points and finds a box's opposite corner", () => {
    expect(clampPoint([-3, 70], size)).toEqual([0, 50]);
    const box = { label: "car", x: 10, y: 20, width: 30, height: 5 };
    expect(oppositeCorner(box, 0)).toEqual([40, 25]);
    expect(oppositeCorner(box, 1)).toEqual([10, 25]);
  });
});
