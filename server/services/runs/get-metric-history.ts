import { db } from "../../db";
import { findRun } from "./find-run";

export type THistoryQuery = { key: string; startStep?: number; endStep?: number; buckets: number };
export type TRawPoint = { step: number; value: number; timestamp: number };
/** One bucket of a downsampled series: its step range, finite min/max/mean, and how many points it holds. */
export type TBucket = { stepStart: number; stepEnd: number; min: number | null; max: number | null; mean: number | null; count: number; timestamp: number };

/**
 * A metric's points for a chart: raw when there are at most `buckets` of them in the range,
 * else one bucket per pixel column with its min and max, so spikes survive the reduction.
 */
export async function getMetricHistory(workspaceId: string, runId: string, q: THistoryQuery) {
  await findRun(workspaceId, runId);
  const lo = q.startStep ?? Number.MIN_SAFE_INTEGER;
  const hi = q.endStep ?? Number.MAX_SAFE_INTEGER;
  const [range] = await db().$queryRaw<{ n: bigint; lo: bigint | null; hi: bigint | null }[]>`
    SELECT count(*) AS n, min("step") AS lo, max("step") AS hi FROM "Metric"
    WHERE "runId" = ${runId} AND "key" = ${q.key} AND "step" BETWEEN ${lo} AND ${hi}`;
  const total = Number(range?.n ?? 0);
  if (total <= q.buckets) {
    const rows = await db().$queryRaw<{ step: bigint; value: number; timestamp: bigint }[]>`
      SELECT "step", "value", "timestamp" FROM "Metric"
      WHERE "runId" = ${runId} AND "key" = ${q.key} AND "step" BETWEEN ${lo} AND ${hi}
      ORDER BY "step", "id"`;
    return { key: q.key, total, isDownsampled: false as const, points: rows.map((r) => ({ step: Number(r.step), value: r.value, timestamp: Number(r.timestamp) })) };
  }
  const first = Number(range!.lo);
  const last = Number(range!.hi);
  const rows = await db().$queryRaw<{ b: number; s0: bigint; s1: bigint; mn: number | null; mx: number | null; mean: number | null; n: bigint; t: bigint }[]>`
    SELECT width_bucket("step"::float8, ${first}::float8, ${last + 1}::float8, ${q.buckets}::int) AS b,
      min("step") AS s0, max("step") AS s1,
      min("value") FILTER (WHERE "value" NOT IN ('NaN', 'Infinity', '-Infinity')) AS mn,
      max("value") FILTER (WHERE "value" NOT IN ('NaN', 'Infinity', '-Infinity')) AS mx,
      avg("value") FILTER (WHERE "value" NOT IN ('NaN', 'Infinity', '-Infinity')) AS mean,
      count(*) AS n, max("timestamp") AS t
    FROM "Metric"
    WHERE "runId" = ${runId} AND "key" = ${q.key} AND "step" BETWEEN ${first} AND ${last}
    GROUP BY b ORDER BY b`;
  const buckets: TBucket[] = rows.map((r) => ({
    stepStart: Number(r.s0),
    stepEnd: Number(r.s1),
    min: r.mn,
    max: r.mx,
    mean: r.mean,
    count: Number(r.n),
    timestamp: Number(r.t),
  }));
  return { key: q.key, total, isDownsampled: true as const, buckets };
}
