-- CreateTable
CREATE TABLE "RunChange" (
    "runId" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "changedXid" BIGINT NOT NULL,

    CONSTRAINT "RunChange_pkey" PRIMARY KEY ("runId")
);

-- CreateIndex
CREATE INDEX "RunChange_experimentId_changedXid_idx" ON "RunChange"("experimentId", "changedXid");


-- Hand-written: every write to what a run's view shows records the writing transaction, in the
-- same transaction, whatever path made it (server/services/runs/run-index/run-changes.ts reads
-- them). Statement triggers over transition tables: one upsert per statement, not per row. Rows
-- are taken in id order, so two statements over the same runs lock them in the same order.
CREATE FUNCTION "crucible_mark_runs_changed"("ids" text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Most statements of a logged batch change nothing in some of these tables: their triggers stop here.
  IF cardinality("ids") = 0 THEN RETURN; END IF;
  INSERT INTO "RunChange" ("runId", "experimentId", "changedXid")
  SELECT r."id", r."experimentId", pg_current_xact_id()::text::bigint
  FROM "Run" r WHERE r."id" = ANY("ids") ORDER BY r."id"
  ON CONFLICT ("runId") DO UPDATE SET "experimentId" = EXCLUDED."experimentId", "changedXid" = EXCLUDED."changedXid"
  WHERE "RunChange"."changedXid" <> EXCLUDED."changedXid" OR "RunChange"."experimentId" <> EXCLUDED."experimentId";
END
$$;

-- Params, tags and metric summaries: their runs.
CREATE FUNCTION "crucible_run_values_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "crucible_mark_runs_changed"(ARRAY(SELECT DISTINCT "runId" FROM changed));
  RETURN NULL;
END
$$;

-- Runs: each run and its parent, whose child count it changes. A deleted run is marked from the
-- old row, since it is no longer there to be read: its change row stays, so that indexes drop it.
CREATE FUNCTION "crucible_runs_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "RunChange" ("runId", "experimentId", "changedXid")
    SELECT c."id", c."experimentId", pg_current_xact_id()::text::bigint FROM changed c ORDER BY c."id"
    ON CONFLICT ("runId") DO UPDATE SET "changedXid" = EXCLUDED."changedXid";
  END IF;
  PERFORM "crucible_mark_runs_changed"(ARRAY(SELECT "id" FROM changed UNION SELECT "parentRunId" FROM changed WHERE "parentRunId" IS NOT NULL));
  RETURN NULL;
END
$$;

-- Only runs whose viewed fields changed: each logged batch touches "updatedAt", which no view shows
-- (a trigger with transition tables cannot name its columns). A run moved to another parent
-- changes the old parent's child count as well.
CREATE FUNCTION "crucible_runs_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "crucible_mark_runs_changed"(ARRAY(
    WITH moved AS (
      SELECT c."id", c."parentRunId", b."parentRunId" AS "oldParentRunId"
      FROM changed c JOIN before b ON b."id" = c."id"
      WHERE (c."experimentId", c."parentRunId", c."displayName", c."status", c."userId", c."notes", c."gitRepo",
             c."gitBranch", c."gitCommit", c."gitIsDirty", c."createdAt", c."startedAt", c."endedAt", c."deletedAt")
        IS DISTINCT FROM
            (b."experimentId", b."parentRunId", b."displayName", b."status", b."userId", b."notes", b."gitRepo",
             b."gitBranch", b."gitCommit", b."gitIsDirty", b."createdAt", b."startedAt", b."endedAt", b."deletedAt")
    )
    SELECT "id" FROM moved UNION SELECT "parentRunId" FROM moved WHERE "parentRunId" IS NOT NULL
    UNION SELECT "oldParentRunId" FROM moved WHERE "oldParentRunId" IS NOT NULL));
  RETURN NULL;
END
$$;

-- A user's email and name show in the views of the runs they started.
CREATE FUNCTION "crucible_users_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "crucible_mark_runs_changed"(ARRAY(
    SELECT r."id" FROM changed u JOIN before b ON b."id" = u."id" JOIN "Run" r ON r."userId" = u."id"
    WHERE (u."email", u."name") IS DISTINCT FROM (b."email", b."name")));
  RETURN NULL;
END
$$;

-- A trigger with a transition table takes one event: three per table.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['RunParam', 'RunTag', 'MetricSummary'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION "crucible_run_values_changed"()', t || '_inserted', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION "crucible_run_values_changed"()', t || '_updated', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION "crucible_run_values_changed"()', t || '_deleted', t);
  END LOOP;
END
$$;

CREATE TRIGGER "Run_inserted" AFTER INSERT ON "Run" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION "crucible_runs_changed"();
CREATE TRIGGER "Run_updated" AFTER UPDATE ON "Run"
  REFERENCING OLD TABLE AS before NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION "crucible_runs_updated"();
CREATE TRIGGER "Run_deleted" AFTER DELETE ON "Run" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION "crucible_runs_changed"();
CREATE TRIGGER "User_view_updated" AFTER UPDATE ON "User" REFERENCING OLD TABLE AS before NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION "crucible_users_updated"();
