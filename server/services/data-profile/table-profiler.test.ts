import { describe, expect, it } from "vitest";
import { EXACT_DISTINCT_LIMIT } from "./column-profiler";
import { HyperLogLog } from "./hyper-log-log";
import { EXACT_QUANTILE_LIMIT, QuantileSketch } from "./quantile-sketch";
import { TableProfiler } from "./table-profiler";

describe("TableProfiler", () => {
  it("gives exact statistics of a small table, missing values counted apart", () => {
    const profiler = new TableProfiler([
      { name: "x", type: "integer" },
      { name: "label", type: "string" },
      { name: "when", type: "datetime" },
    ]);
    const rows = [
      ["1", "cat", "2024-01-03"],
      ["2", "dog", ""],
      ["", "cat", "2024-01-01"],
      ["3", "", "2024-01-02"],
      ["4", "cat", null],
      ["NaN", "bird", "2024-01-05"],
      ["oops", "dog", "2024-01-04"],
    ];
    for (const row of rows) profiler.add(row);
    const [x, label, when] = profiler.result().columns;

    expect(x).toMatchObject({
      kind: "numeric",
      count: 5,
      missing: 2,
      invalid: 1,
      distinct: { value: 5, isExact: true },
    });
    expect(x!.numeric).toMatchObject({ min: 1, max: 4, mean: 2.5, isExactQuantiles: true });
    expect(x!.numeric!.std).toBeCloseTo(Math.sqrt(5 / 3), 12);
    // numpy.percentile([1, 2, 3, 4], [5, 25, 50, 75, 95])
    const expected = { p5: 1.15, p25: 1.75, p50: 2.5, p75: 3.25, p95: 3.85 };
    for (const [key, value] of Object.entries(expected))
      expect(x!.numeric!.quantiles[key as keyof typeof expected]).toBeCloseTo(value, 12);
    expect(x!.numeric!.histogram.counts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(x!.numeric!.histogram.edges[0]).toBe(1);
    expect(x!.numeric!.histogram.edges.at(-1)).toBe(4);

    expect(label).toMatchObject({ kind: "string", count: 6, missing: 1, distinct: { value: 3, isExact: true } });
    expect(label!.top!.values).toEqual([
      { value: "cat", count: 3 },
      { value: "dog", count: 2 },
      { value: "bird", count: 1 },
    ]);
    expect(when).toMatchObject({
      kind: "datetime",
      count: 5,
      missing: 2,
      range: { min: "2024-01-01", max: "2024-01-05" },
    });
    expect(profiler.result().rowCount).toBe(7);
  });

  it("takes typed values as Parquet gives them: numbers, big integers, dates, nulls", () => {
    const profiler = new TableProfiler([
      { name: "n", type: "int64" },
      { name: "t", type: "timestamp" },
    ]);
    profiler.add([10n, new Date("2024-05-01T00:00:00Z")]);
    profiler.add([null, new Date("2024-04-01T00:00:00Z")]);
    profiler.add([30n, null]);
    const [n, t] = profiler.result().columns;
    expect(n).toMatchObject({ count: 2, missing: 1, numeric: { min: 10, max: 30, mean: 20 } });
    expect(t!.range).toEqual({ min: "2024-04-01T00:00:00.000Z", max: "2024-05-01T00:00:00.000Z" });
  });

  it("switches to estimates past the exact limits and stays close", () => {
    const profiler = new TableProfiler([
      { name: "v", type: "float" },
      { name: "id", type: "string" },
    ]);
    const n = Math.max(EXACT_QUANTILE_LIMIT, EXACT_DISTINCT_LIMIT) * 3;
    for (let i = 0; i < n; i++) profiler.add([String((i * 7919) % n), `id-${i}`]);
    const [v, id] = profiler.result().columns;
    expect(v!.numeric!.isExactQuantiles).toBe(false);
    expect(Math.abs(v!.numeric!.quantiles.p50 - n / 2) / n).toBeLessThan(0.02);
    expect(Math.abs(v!.numeric!.quantiles.p95 - 0.95 * n) / n).toBeLessThan(0.02);
    expect(v!.numeric!.histogram.counts.reduce((a, b) => a + b, 0)).toBeCloseTo(n, -1);
    expect(id!.distinct.isExact).toBe(false);
    expect(Math.abs(id!.distinct.value - n) / n).toBeLessThan(0.03);
  });
});

describe("sketches", () => {
  it("HyperLogLog counts small sets almost exactly and large ones within a few percent", () => {
    const small = new HyperLogLog();
    for (let i = 0; i < 1000; i++) small.add(`k${i % 100}`);
    expect(Math.abs(small.estimate() - 100)).toBeLessThanOrEqual(2);
    const large = new HyperLogLog();
    for (let i = 0; i < 500_000; i++) large.add(`value-${i}`);
    expect(Math.abs(large.estimate() - 500_000) / 500_000).toBeLessThan(0.03);
  });

  it("QuantileSketch is exact under its limit", () => {
    const sketch = new QuantileSketch();
    for (const x of [5, 1, 4, 2, 3]) sketch.add(x);
    expect(sketch.isExact).toBe(true);
    expect(sketch.quantile(0.5)).toBe(3);
    expect(sketch.quantile(0)).toBe(1);
    expect(sketch.quantile(1)).toBe(5);
    expect(sketch.histogram(1, 5, 4)).toEqual([1, 1, 1, 2]);
  });
});
