/** A metric's history as the API returns it, raw or downsampled into min/max buckets. */
export type THistory = {
  key: string;
  total: number;
  isDownsampled: boolean;
  points?: { step: number; value: number | string; timestamp: number }[];
  buckets?: {
    stepStart: number;
    stepEnd: number;
    min: number | null;
    max: number | null;
    mean: number | null;
    count: number;
    timestamp: number;
  }[];
};

export type TXAxis = "step" | "relative" | "wall";

/** One line for the chart: x values and y values, with min/max envelopes when downsampled. */
export type TSeries = {
  name: string;
  x: number[];
  y: (number | null)[];
  low?: (number | null)[];
  high?: (number | null)[];
};

function toNumber(v: number | string): number | null {
  if (typeof v === "number") return v;
  if (v === "Infinity") return Number.POSITIVE_INFINITY;
  if (v === "-Infinity") return Number.NEGATIVE_INFINITY;
  return null;
}

/** x for the chosen axis: step, seconds since the run started, or wall-clock time (ms). */
export function toSeries(name: string, h: THistory, xAxis: TXAxis, startedAtMs: number | null): TSeries {
  const xOf = (step: number, timestamp: number) =>
    xAxis === "step" ? step : xAxis === "wall" ? timestamp : (timestamp - (startedAtMs ?? timestamp)) / 1000;
  if (!h.isDownsampled) {
    const points = h.points ?? [];
    return {
      name,
      x: points.map((p) => xOf(p.step, p.timestamp)),
      y: points.map((p) => {
        const n = toNumber(p.value);
        return n !== null && Number.isFinite(n) ? n : null;
      }),
    };
  }
  const buckets = h.buckets ?? [];
  return {
    name,
    x: buckets.map((b) => xOf(Math.round((b.stepStart + b.stepEnd) / 2), b.timestamp)),
    y: buckets.map((b) => b.mean),
    low: buckets.map((b) => b.min),
    high: buckets.map((b) => b.max),
  };
}
