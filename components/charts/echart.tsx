"use client";

import { BarChart, LineChart, ParallelChart } from "echarts/charts";
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  ParallelComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import type { EChartsCoreOption } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([
  BarChart,
  LineChart,
  ParallelChart,
  GridComponent,
  TooltipComponent,
  DataZoomComponent,
  LegendComponent,
  TitleComponent,
  ParallelComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/** Mounts one ECharts instance and feeds it options; the instance follows the element's size. */
export function EChart({
  option,
  height = 260,
  label,
  onZoom,
}: {
  option: EChartsCoreOption;
  height?: number;
  label: string;
  onZoom?: (range: [number, number] | null) => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const zoomHandler = useRef(onZoom);
  zoomHandler.current = onZoom;

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: "canvas" });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    instance.on("datazoom", () => {
      const axis = (
        instance.getOption() as {
          dataZoom?: { startValue?: number; endValue?: number; start?: number; end?: number }[];
        }
      ).dataZoom?.[0];
      if (!axis || (axis.start === 0 && axis.end === 100)) zoomHandler.current?.(null);
      else if (axis.startValue !== undefined && axis.endValue !== undefined)
        zoomHandler.current?.([axis.startValue, axis.endValue]);
    });
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: false, replaceMerge: ["series"] });
  }, [option]);

  return <div ref={element} role="img" aria-label={label} style={{ height }} className="w-full" />;
}
