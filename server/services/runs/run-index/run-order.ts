import { decodeFloat } from "../metric-value";
import type { TOrder } from "../run-filter-sql";
import type { TRunView } from "../run-view";
import { compareText } from "./database-text-rules";
import { attributeValue } from "./run-attributes";

type TKey = (run: TRunView) => number | string | null;

type TRow = { run: TRunView; keys: (number | string | null)[]; createdAt: number };

/**
 * The first `count` runs in a search's sort, the order of its SQL (run-filter-sql.ts,
 * search-runs.ts): each key in its direction with runs lacking it last either way, then the
 * newest first, then by id. Each run's keys are read once, not at every comparison; a page of a
 * few of many runs is picked out with a heap rather than by sorting them all.
 */
export function firstRuns(runs: TRunView[], orders: TOrder[], count: number): TRunView[] {
  const readers = orders.map(sortKey);
  const signs = orders.map((o) => (o.isDescending ? -1 : 1));
  const compare = (a: TRow, b: TRow): number => {
    for (let i = 0; i < signs.length; i++) {
      const x = a.keys[i]!;
      const y = b.keys[i]!;
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
        continue;
      }
      const order = typeof x === "number" ? compareFloat(x, y as number) : compareText(x, y as string);
      if (order !== 0) return signs[i]! * order;
    }
    return b.createdAt - a.createdAt || compareText(a.run.id, b.run.id);
  };
  const rows = runs.map((run) => ({ run, keys: readers.map((read) => read(run)), createdAt: run.createdAt.getTime() }));
  const first = count * 4 < rows.length ? smallest(rows, count, compare) : rows.sort(compare).slice(0, count);
  return first.map((row) => row.run);
}

/** The `count` smallest rows, in order: a max-heap of the best so far, which most rows fail to enter at one comparison. */
function smallest<T>(rows: T[], count: number, compare: (a: T, b: T) => number): T[] {
  const heap: T[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && compare(heap[l]!, heap[top]!) > 0) top = l;
      if (r < heap.length && compare(heap[r]!, heap[top]!) > 0) top = r;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top]!, heap[i]!];
      i = top;
    }
  };
  for (const row of rows) {
    if (heap.length < count) {
      heap.push(row);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (compare(heap[i]!, heap[parent]!) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (count > 0 && compare(row, heap[0]!) < 0) {
      heap[0] = row;
      down(0);
    }
  }
  return heap.sort(compare);
}

function sortKey(o: TOrder): TKey {
  if (o.entity === "metric")
    return (run) => {
      const summary = run.metrics[o.key];
      return summary === undefined ? null : decodeFloat(summary.last);
    };
  if (o.entity === "param") return (run) => run.params[o.key] ?? null;
  if (o.entity === "tag") return (run) => run.tags[o.key] ?? null;
  return attributeValue(o.key);
}

/** PostgreSQL's float8 order: NaN equals itself and sorts above every other value. */
export function compareFloat(a: number, b: number): number {
  const aNaN = Number.isNaN(a);
  const bNaN = Number.isNaN(b);
  if (aNaN || bNaN) return aNaN === bNaN ? 0 : aNaN ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
