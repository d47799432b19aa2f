import { db } from "../../db";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { encodeFloat } from "./metric-value";
import { ROLLUP_WIDTHS } from "./metric-rollups";
import { TERMINAL_STATUSES } from "./run-status";

export type TMetricPoint = { key: string; value: number; step: number; timestamp: number };
export type TKeyValue = { key: string; value: string };
export type TBatch = {
  metrics: TMetricPoint[];
  params: TKeyValue[];
  tags: TKeyValue[];
  /** The client's id for this batch; a retry with the same id is acknowledged and not applied again. */
  batchId?: string;
};

const TERMINAL = new Set<string>(TERMINAL_STATUSES);
const LATE_LOGGING_MS = 24 * 3600_000;

/**
 * Logs metrics, params and tags in one transaction: all of it lands or none of it. This is the
 * ingestion hot path, so it is raw SQL: points and their per-key summaries go in with one
 * statement, params and tags with one each. Params are write-once: the same value again is
 * accepted, a different one is refused. Returns false when the batch id was seen before.
 */
export async function logBatch(workspaceId: string, runId: string, batch: TBatch): Promise<boolean> {
  const params = checkParamsAgree(batch.params);
  const tags = [...new Map(batch.tags.map((t) => [t.key, t.value])).entries()];
  return db().$transaction(async (tx) => {
    // The run check and the batch-id claim in one round trip; the claim only happens for a live run.
    const [run] = await tx.$queryRaw<{ status: string; endedAt: Date | null; deletedAt: Date | null; isClaimed: boolean }[]>`
      WITH r AS (
        SELECT "id", "status"::text AS "status", "endedAt", "deletedAt" FROM "Run" WHERE "id" = ${runId} AND "workspaceId" = ${workspaceId}
      ), claim AS (
        INSERT INTO "LoggedBatch" ("runId", "batchId")
        SELECT r."id", ${batch.batchId ?? null}::text FROM r WHERE ${batch.batchId ?? null}::text IS NOT NULL AND r."deletedAt" IS NULL
        ON CONFLICT DO NOTHING RETURNING 1
      )
      SELECT r."status", r."endedAt", r."deletedAt", EXISTS (SELECT 1 FROM claim) AS "isClaimed" FROM r`;
    if (!run) throw new AppError("NOT_FOUND", `Run ${runId} not found`);
    if (run.deletedAt) throw new AppError("CONFLICT", `Run ${runId} is deleted`);
    if (batch.metrics.length && TERMINAL.has(run.status) && run.endedAt && Date.now() - run.endedAt.getTime() > LATE_LOGGING_MS) {
      // Late points from a finished job are fine; a day later they are a client writing to the wrong run.
      throw new AppError("CONFLICT", `Run ${runId} ended more than a day ago`);
    }
    if (batch.batchId && !run.isClaimed) return false;
    if (params.size) await writeParams(tx, runId, params);
    if (tags.length) {
      await tx.$executeRaw`
        INSERT INTO "RunTag" ("runId", "key", "value")
        SELECT ${runId}, k, v FROM unnest(${tags.map((t) => t[0])}::text[], ${tags.map((t) => t[1])}::text[]) AS u(k, v)
        ON CONFLICT ("runId", "key") DO UPDATE SET "value" = EXCLUDED."value"`;
    }
    if (batch.metrics.length) await writeMetrics(tx, runId, batch.metrics);
    return true;
  });
}

function checkParamsAgree(params: TKeyValue[]): Map<string, string> {
  const seen = new Map<string, string>();
  for (const p of params) {
    const earlier = seen.get(p.key);
    if (earlier !== undefined && earlier !== p.value) throw new AppError("BAD_REQUEST", `Param '${p.key}' is given twice with different values`);
    seen.set(p.key, p.value);
  }
  return seen;
}

async function writeParams(tx: Prisma.TransactionClient, runId: string, params: Map<string, string>) {
  const keys = [...params.keys()];
  const values = [...params.values()];
  const conflicts = await tx.$queryRaw<{ key: string; value: string }[]>`
    SELECT p."key", p."value" FROM "RunParam" p
    JOIN unnest(${keys}::text[], ${values}::text[]) AS u(k, v) ON u.k = p."key"
    WHERE p."runId" = ${runId} AND p."value" <> u.v`;
  const [first] = conflicts;
  if (first) {
    throw new AppError("BAD_REQUEST", `Param '${first.key}' is already '${first.value}'; params cannot change (got '${params.get(first.key)}')`);
  }
  await tx.$executeRaw`
    INSERT INTO "RunParam" ("runId", "key", "value")
    SELECT ${runId}, k, v FROM unnest(${keys}::text[], ${values}::text[]) AS u(k, v)
    ON CONFLICT ("runId", "key") DO NOTHING`;
}

/** The points and the fold of this batch into each key's summary, in one statement. */
async function writeMetrics(tx: Prisma.TransactionClient, runId: string, metrics: TMetricPoint[]) {
  const keys = metrics.map((m) => m.key);
  const steps = metrics.map((m) => String(m.step));
  // The API's spellings of NaN and ±Infinity are also the float8 text PostgreSQL reads.
  const values = metrics.map((m) => String(encodeFloat(m.value)));
  const stamps = metrics.map((m) => String(m.timestamp));
  await tx.$executeRaw`
    WITH b AS (
      SELECT k, s, v, t, ord
      FROM unnest(${keys}::text[], ${steps}::bigint[], ${values}::float8[], ${stamps}::bigint[]) WITH ORDINALITY AS u(k, s, v, t, ord)
    ), touched AS (
      -- Last activity, to the nearest ten seconds: rewriting the run row on every batch would cost a write each time.
      UPDATE "Run" SET "updatedAt" = now() WHERE "id" = ${runId} AND "updatedAt" < now() - interval '10 seconds'
    ), points AS (
      INSERT INTO "Metric" ("runId", "key", "step", "value", "timestamp") SELECT ${runId}, k, s, v, t FROM b ORDER BY ord
    ), rollups AS (
      INSERT INTO "MetricRollup" AS r ("runId", "key", "width", "bucket", "minValue", "maxValue", "finiteSum", "finiteCount", "count", "firstStep", "lastStep", "lastTimestamp")
      SELECT ${runId}, k, w.width, floor(s::float8 / w.width)::bigint,
        min(v) FILTER (WHERE v NOT IN ('NaN', 'Infinity', '-Infinity')),
        max(v) FILTER (WHERE v NOT IN ('NaN', 'Infinity', '-Infinity')),
        coalesce(sum(v) FILTER (WHERE v NOT IN ('NaN', 'Infinity', '-Infinity')), 0),
        count(*) FILTER (WHERE v NOT IN ('NaN', 'Infinity', '-Infinity')),
        count(*), min(s), max(s), max(t)
      FROM b CROSS JOIN unnest(${ROLLUP_WIDTHS.map(String)}::bigint[]) AS w(width)
      GROUP BY k, w.width, floor(s::float8 / w.width)::bigint
      ON CONFLICT ("runId", "key", "width", "bucket") DO UPDATE SET
        "minValue" = LEAST(r."minValue", EXCLUDED."minValue"),
        "maxValue" = GREATEST(r."maxValue", EXCLUDED."maxValue"),
        "finiteSum" = r."finiteSum" + EXCLUDED."finiteSum",
        "finiteCount" = r."finiteCount" + EXCLUDED."finiteCount",
        "count" = r."count" + EXCLUDED."count",
        "firstStep" = LEAST(r."firstStep", EXCLUDED."firstStep"),
        "lastStep" = GREATEST(r."lastStep", EXCLUDED."lastStep"),
        "lastTimestamp" = GREATEST(r."lastTimestamp", EXCLUDED."lastTimestamp")
    ), agg AS (
      SELECT k,
        min(v) FILTER (WHERE v NOT IN ('NaN', 'Infinity', '-Infinity')) AS mn,
        max(v) FILTER (WHERE v NOT IN ('NaN', 'Infinity', '-Infinity')) AS mx,
        count(*) AS n,
        (array_agg(v ORDER BY s DESC, t DESC, ord DESC))[1] AS lv,
        (array_agg(s ORDER BY s DESC, t DESC, ord DESC))[1] AS ls,
        (array_agg(t ORDER BY s DESC, t DESC, ord DESC))[1] AS lt
      FROM b GROUP BY k
    )
    INSERT INTO "MetricSummary" AS m ("runId", "key", "lastValue", "lastStep", "lastTimestamp", "minValue", "maxValue", "count")
    SELECT ${runId}, k, lv, ls, lt, mn, mx, n FROM agg
    ON CONFLICT ("runId", "key") DO UPDATE SET
      "minValue" = LEAST(m."minValue", EXCLUDED."minValue"),
      "maxValue" = GREATEST(m."maxValue", EXCLUDED."maxValue"),
      "count" = m."count" + EXCLUDED."count",
      "lastValue" = CASE WHEN (EXCLUDED."lastStep", EXCLUDED."lastTimestamp") >= (m."lastStep", m."lastTimestamp") THEN EXCLUDED."lastValue" ELSE m."lastValue" END,
      "lastStep" = GREATEST(m."lastStep", EXCLUDED."lastStep"),
      "lastTimestamp" = CASE WHEN (EXCLUDED."lastStep", EXCLUDED."lastTimestamp") >= (m."lastStep", m."lastTimestamp") THEN EXCLUDED."lastTimestamp" ELSE m."lastTimestamp" END`;
}
