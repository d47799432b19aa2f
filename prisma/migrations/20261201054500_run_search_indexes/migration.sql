-- Hand-written: indexes for searching runs by param, tag and metric (MLflow's runs/search and the
-- studio's filter). Values are indexed by their first 200 characters, since a param value may be
-- 6,000 characters and a b-tree entry must stay under about 2,700 bytes; the search adds the
-- matching `left(value, 200) = left($v, 200)` condition to an equality so PostgreSQL can use them.
CREATE INDEX "RunParam_key_value_idx" ON "RunParam" ("key", left("value", 200), "runId");
CREATE INDEX "RunTag_key_value_idx" ON "RunTag" ("key", left("value", 200), "runId");
-- A metric summary changes once per logged batch and key, so this index costs ingestion little.
CREATE INDEX "MetricSummary_key_lastValue_idx" ON "MetricSummary" ("key", "lastValue", "runId");
