import { db } from "../../db";

/**
 * Bucket widths, in steps, at which metrics are pre-aggregated. Factors of 16 apart: a chart of
 * N buckets reads at most 16·N rollup rows at the width just below what it needs.
 */
export const ROLLUP_WIDTHS = [64, 1024, 16384] as const;

/** The widest rollup no wider than `width`, or null when the points themselves should be read. */
export function rollupWidthFor(width: number): number | null {
  const fitting = ROLLUP_WIDTHS.filter((w) => w <= width);
  return fitting.length ? fitting[fitting.length - 1]! : null;
}

/**
 * Recomputes a run's per-key summaries and rollups from its points, for points written outside
 * log-batch (bulk loads, imports). log-batch keeps both up to date as it writes.
 */
export async function rebuildMetricAggregates(runId: string): Promise<void> {
  const widths = ROLLUP_WIDTHS.map(String);
  // A bulk rewrite: a million points take seconds, past Prisma's 5 s transaction default.
  await db().$transaction(
    async (tx) => {
      await tx.metricSummary.deleteMany({ where: { runId } });
      await tx.$executeRaw`
      INSERT INTO "MetricSummary" ("runId", "key", "lastValue", "lastStep", "lastTimestamp", "minValue", "maxValue", "count")
      SELECT "runId", "key",
        (array_agg("value" ORDER BY "step" DESC, "timestamp" DESC, "id" DESC))[1],
        max("step"),
        (array_agg("timestamp" ORDER BY "step" DESC, "timestamp" DESC, "id" DESC))[1],
        min("value") FILTER (WHERE "value" NOT IN ('NaN', 'Infinity', '-Infinity')),
        max("value") FILTER (WHERE "value" NOT IN ('NaN', 'Infinity', '-Infinity')),
        count(*)
      FROM "Metric" WHERE "runId" = ${runId}
      GROUP BY "runId", "key"`;
      await tx.metricRollup.deleteMany({ where: { runId } });
      await tx.$executeRaw`
      INSERT INTO "MetricRollup" ("runId", "key", "width", "bucket", "minValue", "maxValue", "finiteSum", "finiteCount", "count", "firstStep", "lastStep", "lastTimestamp")
      SELECT "runId", "key", w.width, floor("step"::float8 / w.width)::bigint,
        min("value") FILTER (WHERE "value" NOT IN ('NaN', 'Infinity', '-Infinity')),
        max("value") FILTER (WHERE "value" NOT IN ('NaN', 'Infinity', '-Infinity')),
        coalesce(sum("value") FILTER (WHERE "value" NOT IN ('NaN', 'Infinity', '-Infinity')), 0),
        count(*) FILTER (WHERE "value" NOT IN ('NaN', 'Infinity', '-Infinity')),
        count(*), min("step"), max("step"), max("timestamp")
      FROM "Metric" CROSS JOIN unnest(${widths}::bigint[]) AS w(width)
      WHERE "runId" = ${runId}
      GROUP BY "runId", "key", w.width, floor("step"::float8 / w.width)::bigint`;
    },
    { timeout: 10 * 60_000 },
  );
}
