-- DropIndex
DROP INDEX "Metric_runId_key_step_idx";


-- Covering index: history reads and summaries scan the index alone (see schema.prisma, model Metric).
CREATE INDEX "Metric_runId_key_step_covering" ON "Metric" ("runId", "key", "step") INCLUDE ("value", "timestamp");
