import { describe, expect, it } from "vitest";
import { buildMetricChartOption } from "./metric-chart-option";
import { toSeries } from "./metric-series";

type TLine = { name: string; data: [number, number | null][]; lineStyle: { opacity?: number } };

describe("metric chart option", () => {
  const raw = toSeries(
    "run-a",
    {
      key: "loss",
      total: 3,
      isDownsampled: false,
      points: [
        { step: 0, value: 1, timestamp: 1000 },
        { step: 1, value: "NaN", timestamp: 2000 },
        { step: 2, value: 0.5, timestamp: 3000 },
      ],
    },
    "step",
    1000,
  );

  it("plots raw points by step with NaN as a gap", () => {
    const option = buildMetricChartOption("loss", [raw], { xAxis: "step", smoothing: 0, isLogScale: false }) as {
      series: TLine[];
    };
    expect(option.series).toHaveLength(1);
    expect(option.series[0]!.data).toEqual([
      [0, 1],
      [1, null],
      [2, 0.5],
    ]);
  });

  it("keeps the raw line faintly behind the smoothed one", () => {
    const option = buildMetricChartOption("loss", [raw], { xAxis: "step", smoothing: 0.8, isLogScale: false }) as {
      series: TLine[];
    };
    expect(option.series.map((s) => s.name)).toEqual(["run-a", "run-a (smoothed)"]);
    expect(option.series[0]!.lineStyle.opacity).toBeLessThan(1);
  });

  it("uses seconds since start on the relative axis and drops non-positive values on a log scale", () => {
    const relative = toSeries(
      "run-a",
      {
        key: "loss",
        total: 2,
        isDownsampled: false,
        points: [
          { step: 0, value: 0, timestamp: 1000 },
          { step: 1, value: 2, timestamp: 4000 },
        ],
      },
      "relative",
      1000,
    );
    const option = buildMetricChartOption("loss", [relative], {
      xAxis: "relative",
      smoothing: 0,
      isLogScale: true,
    }) as { series: TLine[]; yAxis: { type: string } };
    expect(option.yAxis.type).toBe("log");
    expect(option.series[0]!.data).toEqual([
      [0, null],
      [3, 2],
    ]);
  });

  it("draws the min and max of downsampled buckets so spikes stay visible", () => {
    const s = toSeries(
      "run-a",
      {
        key: "loss",
        total: 1000,
        isDownsampled: true,
        buckets: [
          { stepStart: 0, stepEnd: 9, min: 0.1, max: 0.3, mean: 0.2, count: 10, timestamp: 1 },
          { stepStart: 10, stepEnd: 19, min: 0.1, max: 99, mean: 10, count: 10, timestamp: 2 },
        ],
      },
      "step",
      null,
    );
    const option = buildMetricChartOption("loss", [s], { xAxis: "step", smoothing: 0, isLogScale: false }) as {
      series: TLine[];
    };
    const max = option.series.find((l) => l.name === "run-a max")!;
    expect(max.data.map((d) => d[1])).toEqual([0.3, 99]);
  });
});
