import { db } from "../../db";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { findRun } from "./find-run";

export type TMetricPoint = { key: string; value: number; step: number; timestamp: number };
export type TKeyValue = { key: string; value: string };
export type TBatch = {
  metrics: TMetricPoint[];
  params: TKeyValue[];
  tags: TKeyValue[];
  /** The client's id for this batch; a retry with the same id is acknowledged and not applied again. */
  batchId?: string;
};

const TERMINAL = new Set(["Completed", "Failed", "Canceled", "TimedOut"]);

/**
 * Logs metrics, params and tags in one transaction: all of it lands or none of it. Points go in
 * with one set-based INSERT, and the per-key summaries are folded in by one upsert.
 * Params are write-once: the same value again is accepted, a different one is refused.
 * Returns false when the batch id was seen before (nothing written).
 */
export async function logBatch(workspaceId: string, runId: string, batch: TBatch): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const run = await findRun(workspaceId, runId, tx);
    if (batch.batchId) {
      const inserted = await tx.$executeRaw`
        INSERT INTO "LoggedBatch" ("runId", "batchId") VALUES (${runId}, ${batch.batchId}) ON CONFLICT DO NOTHING`;
      if (inserted === 0) return false;
    }
    if (run.deletedAt) throw new AppError("CONFLICT", `Run ${runId} is deleted`);
    if (batch.metrics.length && TERMINAL.has(run.status) && run.endedAt && Date.now() - run.endedAt.getTime() > 24 * 3600_000) {
      // Late points from a finished job are fine; a day later they are a client writing to the wrong run.
      throw new AppError("CONFLICT", `Run ${runId} ended more than a day ago`);
    }
    if (batch.params.length) await writeParams(tx, runId, batch.params);
    for (const tag of dedupeLast(batch.tags)) {
      await tx.runTag.upsert({
        where: { runId_key: { runId, key: tag.key } },
        create: { runId, key: tag.key, value: tag.value },
        update: { value: tag.value },
      });
    }
    if (batch.metrics.length) await writeMetrics(tx, runId, batch.metrics);
    return true;
  });
}

async function writeParams(tx: Prisma.TransactionClient, runId: string, params: TKeyValue[]) {
  const seen = new Map<string, string>();
  for (const p of params) {
    const earlier = seen.get(p.key);
    if (earlier !== undefined && earlier !== p.value) {
      throw new AppError("BAD_REQUEST", `Param '${p.key}' is given twice with different values`);
    }
    seen.set(p.key, p.value);
  }
  const existing = await tx.runParam.findMany({ where: { runId, key: { in: [...seen.keys()] } } });
  for (const e of existing) {
    if (seen.get(e.key) !== e.value) {
      throw new AppError("BAD_REQUEST", `Param '${e.key}' is already '${e.value}'; params cannot change (got '${seen.get(e.key)}')`);
    }
  }
  await tx.runParam.createMany({ data: [...seen].map(([key, value]) => ({ runId, key, value })), skipDuplicates: true });
}

function dedupeLast(items: TKeyValue[]): TKeyValue[] {
  return [...new Map(items.map((i) => [i.key, i])).values()];
}

// float8 text forms PostgreSQL reads back as NaN and ±Infinity.
function floatText(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "Infinity";
  if (v === -Infinity) return "-Infinity";
  return String(v);
}

async function writeMetrics(tx: Prisma.TransactionClient, runId: string, metrics: TMetricPoint[]) {
  const keys = metrics.map((m) => m.key);
  const steps = metrics.map((m) => String(m.step));
  const values = metrics.map((m) => floatText(m.value));
  const stamps = metrics.map((m) => String(m.timestamp));
  await tx.$executeRaw`
    INSERT INTO "Metric" ("runId", "key", "step", "value", "timestamp")
    SELECT ${runId}, k, s, v, t
    FROM unnest(${keys}::text[], ${steps}::bigint[], ${values}::float8[], ${stamps}::bigint[]) AS u(k, s, v, t)`;
  await tx.$executeRaw`
    WITH b AS (
      SELECT k, s, v, t, ord
      FROM unnest(${keys}::text[], ${steps}::bigint[], ${values}::float8[], ${stamps}::bigint[]) WITH ORDINALITY AS u(k, s, v, t, ord)
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
  await tx.run.update({ where: { id: runId }, data: { updatedAt: new Date() } });
}
