import { ColumnProfiler, EXACT_DISTINCT_LIMIT } from "./column-profiler";
import type { TDataProfileResult } from "./data-profile-result";
import { EXACT_QUANTILE_LIMIT } from "./quantile-sketch";

/** The profile of a table, fed row by row (values in the order of `columns`). */
export class TableProfiler {
  private readonly columns: ColumnProfiler[];
  private rows = 0;

  constructor(columns: readonly { name: string; type: string }[]) {
    this.columns = columns.map((c) => new ColumnProfiler(c.name, c.type));
  }

  add(row: readonly unknown[]): void {
    this.rows++;
    for (let i = 0; i < this.columns.length; i++) this.columns[i]!.add(row[i]);
  }

  result(): TDataProfileResult {
    return {
      rowCount: this.rows,
      columns: this.columns.map((c) => c.result()),
      methods: {
        distinct: `exact up to ${EXACT_DISTINCT_LIMIT.toLocaleString("en")} distinct values, then a HyperLogLog estimate (2^14 registers, about ±0.8%); top values past that are Misra–Gries counts (lower bounds)`,
        quantiles: `exact (linear interpolation) up to ${EXACT_QUANTILE_LIMIT.toLocaleString("en")} values, then a KLL sketch (k = 200, about ±1% in rank); the histogram too`,
      },
    };
  }
}
