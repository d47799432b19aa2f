import type { TBox, TPoint, TSize } from "./workbench-types";

/** A drag shorter than this (natural pixels) is a click, not a box. */
const MIN_BOX = 2;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
// Whole pixels read better in exports and stay inside the server's edge check.
const round = (v: number) => Math.round(v * 10) / 10;

export function clampPoint([x, y]: TPoint, size: TSize): TPoint {
  return [round(clamp(x, 0, size.width)), round(clamp(y, 0, size.height))];
}

/** The box between two corners in any order, clamped to the image; null when too small to mean one. */
export function boxFromCorners(a: TPoint, b: TPoint, size: TSize, label: string): TBox | null {
  const [x1, y1] = clampPoint(a, size);
  const [x2, y2] = clampPoint(b, size);
  const box = {
    label,
    x: Math.min(x1, x2),
    y: Math.min(y1, y2),
    width: round(Math.abs(x2 - x1)),
    height: round(Math.abs(y2 - y1)),
  };
  return box.width < MIN_BOX || box.height < MIN_BOX ? null : box;
}

/** A box moved by (dx, dy), stopped at the image's edges. */
export function moveBox(box: TBox, dx: number, dy: number, size: TSize): TBox {
  return {
    ...box,
    x: round(clamp(box.x + dx, 0, size.width - box.width)),
    y: round(clamp(box.y + dy, 0, size.height - box.height)),
  };
}

/** Points moved together by (dx, dy), the move shortened so that none leaves the image. */
export function movePoints(points: TPoint[], dx: number, dy: number, size: TSize): TPoint[] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const mx = clamp(dx, -Math.min(...xs), size.width - Math.max(...xs));
  const my = clamp(dy, -Math.min(...ys), size.height - Math.max(...ys));
  return points.map(([x, y]) => [round(x + mx), round(y + my)]);
}

/** The corner of a box opposite the given one (0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left). */
export function oppositeCorner(box: TBox, corner: number): TPoint {
  const right = box.x + box.width;
  const bottom = box.y + box.height;
  return (
    [
      [right, bottom],
      [box.x, bottom],
      [box.x, box.y],
      [right, box.y],
    ] as TPoint[]
  )[corner % 4]!;
}

export function boxCorners(box: TBox): TPoint[] {
  const right = box.x + box.width;
  const bottom = box.y + box.height;
  return [
    [box.x, box.y],
    [right, box.y],
    [right, bottom],
    [box.x, bottom],
  ];
}
