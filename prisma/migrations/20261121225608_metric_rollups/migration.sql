-- CreateTable
CREATE TABLE "MetricRollup" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "width" BIGINT NOT NULL,
    "bucket" BIGINT NOT NULL,
    "minValue" DOUBLE PRECISION,
    "maxValue" DOUBLE PRECISION,
    "finiteSum" DOUBLE PRECISION NOT NULL,
    "finiteCount" BIGINT NOT NULL,
    "count" BIGINT NOT NULL,
    "firstStep" BIGINT NOT NULL,
    "lastStep" BIGINT NOT NULL,
    "lastTimestamp" BIGINT NOT NULL,

    CONSTRAINT "MetricRollup_pkey" PRIMARY KEY ("runId","key","width","bucket")
);

-- AddForeignKey
ALTER TABLE "MetricRollup" ADD CONSTRAINT "MetricRollup_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill the rollups of points written before they existed (widths as in server/services/runs/metric-rollups.ts).
INSERT INTO "MetricRollup" ("runId", "key", "width", "bucket", "minValue", "maxValue", "finiteSum", "finiteCount", "count", "firstStep", "lastStep", "lastTimestamp")
SELECT "runId", "key", w.width, floor("step"::float8 / w.width)::bigint,
  min("value") FILTER (WHERE "value" NOT IN ('NaN', 'Infinity', '-Infinity')),
  max("value") FILTER (WHERE "value" NOT IN ('NaN', 'Infinity', '-Infinity')),
  coalesce(sum("value") FILTER (WHERE "value" NOT IN ('NaN', 'Infinity', '-Infinity')), 0),
  count(*) FILTER (WHERE "value" NOT IN ('NaN', 'Infinity', '-Infinity')),
  count(*), min("step"), max("step"), max("timestamp")
FROM "Metric" CROSS JOIN (VALUES (64::bigint), (1024::bigint), (16384::bigint)) AS w(width)
GROUP BY "runId", "key", w.width, floor("step"::float8 / w.width)::bigint;
