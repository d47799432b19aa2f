import type { TColumnProfile } from "./data-profile-result";
import { HyperLogLog } from "./hyper-log-log";
import { QuantileSketch } from "./quantile-sketch";

/** Distinct values counted exactly (with their counts, for top values) before HyperLogLog takes over. */
export const EXACT_DISTINCT_LIMIT = 100_000;
/** Counters the top values keep once the column has more distinct values than that. */
const TOP_COUNTERS = 1000;
const TOP_SHOWN = 10;
const HISTOGRAM_BINS = 20;

const NUMERIC = /^(?:integer|float|double|decimal|real|number|u?int(?:8|16|32|64)?|u?int_\d+)$/;

export function columnKind(type: string): TColumnProfile["kind"] {
  const t = type.toLowerCase();
  if (NUMERIC.test(t)) return "numeric";
  if (t === "boolean") return "boolean";
  if (t === "datetime" || t === "date" || t.startsWith("timestamp") || t === "time") return "datetime";
  return "string";
}

function text(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object")
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
  return String(value);
}

/**
 * The statistics of one column, fed one value at a time in a single pass: counts, Welford's
 * running mean and variance, a quantile sketch, and value counts that turn into HyperLogLog plus
 * Misra–Gries heavy hitters when the column has too many distinct values to count exactly.
 */
export class ColumnProfiler {
  readonly kind: TColumnProfile["kind"];
  private count = 0;
  private missing = 0;
  private invalid = 0;
  private counts: Map<string, number> | null = new Map();
  private hll: HyperLogLog | null = null;
  private heavy: Map<string, number> | null = null;
  private numbers = 0;
  private mean = 0;
  private m2 = 0;
  private min = Infinity;
  private max = -Infinity;
  private readonly sketch = new QuantileSketch();
  private first: string | null = null;
  private last: string | null = null;

  constructor(
    readonly name: string,
    readonly type: string,
  ) {
    this.kind = columnKind(type);
  }

  add(value: unknown): void {
    if (value === null || value === undefined || value === "" || (typeof value === "number" && Number.isNaN(value))) {
      this.missing++;
      return;
    }
    if (this.kind === "numeric") {
      const x = typeof value === "number" ? value : Number(value);
      if (Number.isNaN(x) && typeof value === "string" && /^\s*nan\s*$/i.test(value)) {
        this.missing++;
        return;
      }
      this.count++;
      if (!Number.isFinite(x)) {
        this.invalid++;
        this.countValue(text(value));
        return;
      }
      this.numbers++;
      const delta = x - this.mean;
      this.mean += delta / this.numbers;
      this.m2 += delta * (x - this.mean);
      if (x < this.min) this.min = x;
      if (x > this.max) this.max = x;
      this.sketch.add(x);
      // A CSV's text is its own key: "1.0" and "1" count as two values, as they are in the file.
      this.countValue(typeof value === "string" ? value : String(x));
      return;
    }
    this.count++;
    const key = this.kind === "boolean" ? text(value).toLowerCase() : text(value);
    if (this.kind === "datetime") {
      if (this.first === null || key < this.first) this.first = key;
      if (this.last === null || key > this.last) this.last = key;
    }
    this.countValue(key);
  }

  private countValue(key: string): void {
    if (this.counts) {
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      if (this.counts.size > EXACT_DISTINCT_LIMIT) this.spill();
      return;
    }
    this.hll!.add(key);
    const heavy = this.heavy!;
    heavy.set(key, (heavy.get(key) ?? 0) + 1);
    if (heavy.size > TOP_COUNTERS) this.shrink();
  }

  /** Too many distinct values: HyperLogLog counts them from now on, Misra–Gries keeps the frequent ones. */
  private spill(): void {
    this.hll = new HyperLogLog();
    for (const key of this.counts!.keys()) this.hll.add(key);
    this.heavy = this.counts!;
    this.counts = null;
    this.shrink();
  }

  /** Misra–Gries, batched: subtract the median count from every counter and drop those left at zero. */
  private shrink(): void {
    const heavy = this.heavy!;
    const sorted = [...heavy.values()].sort((a, b) => a - b);
    const cut = sorted[Math.floor(sorted.length / 2)]!;
    for (const [key, n] of heavy) {
      if (n <= cut) heavy.delete(key);
      else heavy.set(key, n - cut);
    }
  }

  result(): TColumnProfile {
    const isExact = this.counts !== null;
    const counted = this.counts ?? this.heavy!;
    const top = [...counted.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, TOP_SHOWN)
      .map(([value, count]) => ({ value, count }));
    let numeric: TColumnProfile["numeric"] = null;
    if (this.kind === "numeric" && this.numbers > 0) {
      const bins = this.min === this.max ? 1 : HISTOGRAM_BINS;
      const width = (this.max - this.min) / bins;
      const q = (p: number) => this.sketch.quantile(p)!;
      numeric = {
        min: this.min,
        max: this.max,
        mean: this.mean,
        std: this.numbers > 1 ? Math.sqrt(this.m2 / (this.numbers - 1)) : null,
        quantiles: { p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95) },
        isExactQuantiles: this.sketch.isExact,
        histogram: {
          edges: Array.from({ length: bins + 1 }, (_v, i) => (i === bins ? this.max : this.min + i * width)),
          counts: this.sketch.histogram(this.min, this.max, bins),
        },
      };
    }
    return {
      name: this.name,
      type: this.type,
      kind: this.kind,
      count: this.count,
      missing: this.missing,
      invalid: this.invalid,
      distinct: { value: isExact ? counted.size : this.hll!.estimate(), isExact },
      numeric,
      range: this.first !== null && this.last !== null ? { min: this.first, max: this.last } : null,
      top: this.kind === "numeric" ? null : { values: top, isExact },
    };
  }
}
