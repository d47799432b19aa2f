import { preparedQuery } from "../../database/prepared-query";
import { AppError } from "../../errors";
import { checkMetricPoints } from "./metric-point";
import { encodeFloat, type TEncodedFloat } from "./metric-value";
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

const LOCK_NOT_AVAILABLE = "55P03";

// Late points from a finished job are fine; a day later they are a client writing to the wrong run.
const LATE_LOGGING_MS = 24 * 3600_000;

type TOutcome = {
  isDeleted: boolean;
  isLate: boolean;
  conflictKey: string | null;
  conflictValue: string | null;
  isApplied: boolean;
};

// Timestamps are stored as UTC without a zone, hence `now() AT TIME ZONE 'UTC'`.
const LOG_BATCH_SQL = `
WITH r AS (
  SELECT "id", "deletedAt" IS NOT NULL AS "isDeleted",
    (cardinality($4::text[]) > 0 AND "status"::text = ANY($13::text[]) AND "endedAt" < (now() AT TIME ZONE 'UTC') - $14::bigint * interval '1 millisecond') AS "isLate"
  FROM "Run" WHERE "id" = $1 AND "workspaceId" = $2
  -- Points have no foreign key (see schema.prisma); this lock keeps the run from being purged
  -- while its batch is written. Only deleting the run conflicts with it, and then the batch fails
  -- at once rather than wait: it shares a pipelined connection with other calls (see db.ts).
  FOR KEY SHARE NOWAIT
), pin AS (
  SELECT k, v FROM unnest($8::text[], $9::text[]) AS u(k, v)
), conflict AS (
  SELECT p."key", p."value" FROM "RunParam" p JOIN pin ON pin.k = p."key" WHERE p."runId" = $1 AND p."value" <> pin.v LIMIT 1
), writable AS (
  SELECT 1 FROM r WHERE NOT r."isDeleted" AND NOT r."isLate" AND NOT EXISTS (SELECT 1 FROM conflict)
), claim AS (
  INSERT INTO "LoggedBatch" ("runId", "batchId")
  SELECT $1, $3::text WHERE $3::text IS NOT NULL AND EXISTS (SELECT 1 FROM writable)
  ON CONFLICT DO NOTHING RETURNING 1
), ok AS (
  SELECT 1 FROM writable WHERE $3::text IS NULL OR EXISTS (SELECT 1 FROM claim)
), b AS (
  SELECT k, s, v, t, ord
  FROM unnest($4::text[], $5::bigint[], $6::float8[], $7::bigint[]) WITH ORDINALITY AS u(k, s, v, t, ord)
  WHERE EXISTS (SELECT 1 FROM ok)
), params AS (
  INSERT INTO "RunParam" ("runId", "key", "value") SELECT $1, k, v FROM pin WHERE EXISTS (SELECT 1 FROM ok)
  ON CONFLICT ("runId", "key") DO NOTHING
), tags AS (
  INSERT INTO "RunTag" ("runId", "key", "value")
  SELECT $1, k, v FROM unnest($10::text[], $11::text[]) AS u(k, v) WHERE EXISTS (SELECT 1 FROM ok)
  ON CONFLICT ("runId", "key") DO UPDATE SET "value" = EXCLUDED."value"
), touched AS (
  -- Last activity, to the nearest ten seconds: rewriting the run row on every batch would cost a write each time.
  UPDATE "Run" SET "updatedAt" = now() AT TIME ZONE 'UTC'
  WHERE "id" = $1 AND "updatedAt" < (now() AT TIME ZONE 'UTC') - interval '10 seconds' AND EXISTS (SELECT 1 FROM b)
), points AS (
  INSERT INTO "Metric" ("runId", "key", "step", "value", "timestamp") SELECT $1, k, s, v, t FROM b ORDER BY ord
), rollups AS (
  INSERT INTO "MetricRollup" AS r ("runId", "key", "width", "bucket", "minValue", "maxValue", "finiteSum", "finiteCount", "count", "firstStep", "lastStep", "lastTimestamp")
  SELECT $1, k, w.width, floor(s::float8 / w.width)::bigint,
    min(v) FILTER (WHERE v NOT IN ('NaN', 'Infinity', '-Infinity')),
    max(v) FILTER (WHERE v NOT IN ('NaN', 'Infinity', '-Infinity')),
    coalesce(sum(v) FILTER (WHERE v NOT IN ('NaN', 'Infinity', '-Infinity')), 0),
    count(*) FILTER (WHERE v NOT IN ('NaN', 'Infinity', '-Infinity')),
    count(*), min(s), max(s), max(t)
  FROM b CROSS JOIN unnest($12::bigint[]) AS w(width)
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
    count(*) AS n
  FROM b GROUP BY k
), latest AS (
  SELECT DISTINCT ON (k) k, v AS lv, s AS ls, t AS lt FROM b ORDER BY k, s DESC, t DESC, ord DESC
), summaries AS (
  INSERT INTO "MetricSummary" AS m ("runId", "key", "lastValue", "lastStep", "lastTimestamp", "minValue", "maxValue", "count")
  SELECT $1, k, lv, ls, lt, mn, mx, n FROM agg JOIN latest USING (k)
  ON CONFLICT ("runId", "key") DO UPDATE SET
    "minValue" = LEAST(m."minValue", EXCLUDED."minValue"),
    "maxValue" = GREATEST(m."maxValue", EXCLUDED."maxValue"),
    "count" = m."count" + EXCLUDED."count",
    "lastValue" = CASE WHEN (EXCLUDED."lastStep", EXCLUDED."lastTimestamp") >= (m."lastStep", m."lastTimestamp") THEN EXCLUDED."lastValue" ELSE m."lastValue" END,
    "lastStep" = GREATEST(m."lastStep", EXCLUDED."lastStep"),
    "lastTimestamp" = CASE WHEN (EXCLUDED."lastStep", EXCLUDED."lastTimestamp") >= (m."lastStep", m."lastTimestamp") THEN EXCLUDED."lastTimestamp" ELSE m."lastTimestamp" END
)
SELECT r."isDeleted", r."isLate", c."key" AS "conflictKey", c."value" AS "conflictValue", EXISTS (SELECT 1 FROM ok) AS "isApplied"
FROM r LEFT JOIN conflict c ON true`;

const runLogBatch = preparedQuery<TOutcome>("crucible_log_batch", LOG_BATCH_SQL);

/**
 * Logs metrics, params and tags all or nothing. This is the ingestion hot path, so it is one SQL
 * statement (and so one transaction): the run check, the batch-id claim, params, tags, points,
 * rollups and per-key summaries. Params are write-once: the same value again is accepted, a
 * different one is refused. Returns false when the batch id was seen before.
 */
export async function logBatch(workspaceId: string, runId: string, batch: TBatch): Promise<boolean> {
  checkMetricPoints(batch.metrics);
  const params = checkParamsAgree(batch.params);
  const tags = new Map(batch.tags.map((t) => [t.key, t.value]));
  const { metrics } = batch;
  const [outcome] = await runLogBatch([
    runId,
    workspaceId,
    batch.batchId ?? null,
    metrics.map((m) => m.key),
    // Numbers go as ready-made array literals: node-postgres would quote and escape each element.
    // The API's spellings of NaN and ±Infinity are also the float8 text PostgreSQL reads.
    numberArrayLiteral(metrics, (m) => m.step),
    numberArrayLiteral(metrics, (m) => encodeFloat(m.value)),
    numberArrayLiteral(metrics, (m) => m.timestamp),
    [...params.keys()],
    [...params.values()],
    [...tags.keys()],
    [...tags.values()],
    ROLLUP_WIDTHS.map(String),
    TERMINAL_STATUSES,
    LATE_LOGGING_MS,
  ]).catch((error: unknown) => {
    if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE)
      throw new AppError("CONFLICT", `Run ${runId} is being deleted`);
    throw error;
  });
  if (!outcome) throw new AppError("NOT_FOUND", `Run ${runId} not found`);
  if (outcome.isDeleted) throw new AppError("CONFLICT", `Run ${runId} is deleted`);
  if (outcome.isLate) throw new AppError("CONFLICT", `Run ${runId} ended more than a day ago`);
  if (outcome.conflictKey !== null) {
    const given = params.get(outcome.conflictKey);
    throw new AppError(
      "BAD_REQUEST",
      `Param '${outcome.conflictKey}' is already '${outcome.conflictValue}'; params cannot change (got '${given}')`,
    );
  }
  return outcome.isApplied;
}

function numberArrayLiteral(metrics: TMetricPoint[], pick: (m: TMetricPoint) => TEncodedFloat): string {
  let literal = "{";
  for (let i = 0; i < metrics.length; i++) literal += (i ? "," : "") + String(pick(metrics[i]!));
  return `${literal}}`;
}

function checkParamsAgree(params: TKeyValue[]): Map<string, string> {
  const seen = new Map<string, string>();
  for (const p of params) {
    const earlier = seen.get(p.key);
    if (earlier !== undefined && earlier !== p.value)
      throw new AppError("BAD_REQUEST", `Param '${p.key}' is given twice with different values`);
    seen.set(p.key, p.value);
  }
  return seen;
}
