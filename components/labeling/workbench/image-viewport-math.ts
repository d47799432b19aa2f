import type { TPoint, TSize } from "./workbench-types";

/** Screen pixels per natural pixel, and where the image's top-left corner sits in the frame. */
export type TView = { scale: number; x: number; y: number };

const MIN_SCALE = 0.02;
const MAX_SCALE = 64;

/** The whole image centred in the frame, with a little room around it. */
export function fitView(image: TSize, frame: TSize, margin = 16): TView {
  const scale = Math.max(
    MIN_SCALE,
    Math.min((frame.width - 2 * margin) / image.width, (frame.height - 2 * margin) / image.height, MAX_SCALE),
  );
  return { scale, x: (frame.width - image.width * scale) / 2, y: (frame.height - image.height * scale) / 2 };
}

/** Zoomed by a factor around a point of the frame, which stays over the same image pixel. */
export function zoomAt(view: TView, factor: number, [px, py]: TPoint): TView {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
  const k = scale / view.scale;
  return { scale, x: px - (px - view.x) * k, y: py - (py - view.y) * k };
}
