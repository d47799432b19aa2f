import type { PointerEvent, ReactNode } from "react";
import type { TBox, TPoint } from "./workbench-types";

/**
 * One box or polygon in its label's colour with a small tag at its top-left; a suggestion is a
 * dashed ghost. Sizes are divided by the zoom so strokes and tags look the same at any zoom.
 */
export function RegionShape({
  box,
  points,
  color,
  scale,
  tag,
  isGhost = false,
  isSelected = false,
  isInteractive = false,
  onPointerDown,
  children,
}: {
  box?: TBox;
  points?: TPoint[];
  color: string;
  scale: number;
  tag: string;
  isGhost?: boolean;
  isSelected?: boolean;
  isInteractive?: boolean;
  onPointerDown?: (event: PointerEvent) => void;
  children?: ReactNode;
}) {
  const stroke = (isSelected ? 3 : 2) / scale;
  const paint = {
    fill: isGhost ? "none" : color,
    fillOpacity: isSelected ? 0.3 : 0.15,
    stroke: color,
    strokeWidth: stroke,
    strokeDasharray: isGhost ? `${6 / scale} ${4 / scale}` : undefined,
  };
  const [tx, ty] = box
    ? [box.x, box.y]
    : points!.reduce(([mx, my], [x, y]) => (y < my ? [x, y] : [mx, my]), points![0]!);
  const font = 11 / scale;
  const pad = 3 / scale;
  return (
    <g
      data-region={box ? "box" : "polygon"}
      data-label={tag}
      data-selected={isSelected || undefined}
      pointerEvents={isInteractive ? "all" : "none"}
      style={{ cursor: isInteractive ? "move" : undefined }}
      onPointerDown={onPointerDown}
    >
      {box ? (
        <rect x={box.x} y={box.y} width={box.width} height={box.height} {...paint} />
      ) : (
        <polygon points={points!.map((p) => p.join(",")).join(" ")} {...paint} />
      )}
      <g pointerEvents="none" opacity={isGhost ? 0.85 : 1}>
        <rect
          x={tx}
          y={ty - font - 2 * pad}
          width={tag.length * font * 0.6 + 2 * pad}
          height={font + 2 * pad}
          fill={isGhost ? "white" : color}
          stroke={isGhost ? color : "none"}
          strokeWidth={1 / scale}
        />
        <text
          x={tx + pad}
          y={ty - pad - font * 0.15}
          fontSize={font}
          fill={isGhost ? color : "white"}
          fontFamily="ui-sans-serif, system-ui"
        >
          {tag}
        </text>
      </g>
      {children}
    </g>
  );
}
