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
-- them). Row triggers, so that a statement that changes none of these rows costs nothing: each
-- logged batch targets params, tags and its run's "updatedAt", and most change none of them.
CREATE FUNCTION "crucible_mark_run_changed"("changed_run_id" text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RunChange" ("runId", "experimentId", "changedXid")
  SELECT r."id", r."experimentId", pg_current_xact_id()::text::bigint FROM "Run" r WHERE r."id" = "changed_run_id"
  ON CONFLICT ("runId") DO UPDATE SET "experimentId" = EXCLUDED."experimentId", "changedXid" = EXCLUDED."changedXid"
  -- Marked already by this transaction (a batch of several metrics): no new row version.
  WHERE "RunChange"."changedXid" <> EXCLUDED."changedXid" OR "RunChange"."experimentId" <> EXCLUDED."experimentId";
END
$$;

-- Params, tags and metric summaries: their run.
CREATE FUNCTION "crucible_run_value_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "crucible_mark_run_changed"(CASE WHEN TG_OP = 'DELETE' THEN OLD."runId" ELSE NEW."runId" END);
  RETURN NULL;
END
$$;

-- Runs: the run and its parent, whose child count it changes (the old parent too, when moved).
-- A deleted run is marked from the old row, since it is no longer there to be read: its change
-- row stays, so that indexes drop it.
CREATE FUNCTION "crucible_run_row_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "RunChange" ("runId", "experimentId", "changedXid")
    VALUES (OLD."id", OLD."experimentId", pg_current_xact_id()::text::bigint)
    ON CONFLICT ("runId") DO UPDATE SET "changedXid" = EXCLUDED."changedXid";
  ELSE
    PERFORM "crucible_mark_run_changed"(NEW."id");
    IF NEW."parentRunId" IS NOT NULL THEN PERFORM "crucible_mark_run_changed"(NEW."parentRunId"); END IF;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD."parentRunId" IS NOT NULL AND OLD."parentRunId" IS DISTINCT FROM
      (CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW."parentRunId" END) THEN
    PERFORM "crucible_mark_run_changed"(OLD."parentRunId");
  END IF;
  RETURN NULL;
END
$$;

-- A user's email and name show in the views of the runs they started.
CREATE FUNCTION "crucible_user_row_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "crucible_mark_run_changed"(r."id") FROM "Run" r WHERE r."userId" = NEW."id";
  RETURN NULL;
END
$$;

CREATE TRIGGER "RunParam_changed" AFTER INSERT OR UPDATE OR DELETE ON "RunParam"
  FOR EACH ROW EXECUTE FUNCTION "crucible_run_value_changed"();
CREATE TRIGGER "RunTag_changed" AFTER INSERT OR UPDATE OR DELETE ON "RunTag"
  FOR EACH ROW EXECUTE FUNCTION "crucible_run_value_changed"();
CREATE TRIGGER "MetricSummary_changed" AFTER INSERT OR UPDATE OR DELETE ON "MetricSummary"
  FOR EACH ROW EXECUTE FUNCTION "crucible_run_value_changed"();
CREATE TRIGGER "Run_added_or_removed" AFTER INSERT OR DELETE ON "Run"
  FOR EACH ROW EXECUTE FUNCTION "crucible_run_row_changed"();
-- Not for "updatedAt" alone, which each logged batch touches now and then and no view shows.
CREATE TRIGGER "Run_changed" AFTER UPDATE ON "Run" FOR EACH ROW
  WHEN ((OLD."experimentId", OLD."parentRunId", OLD."displayName", OLD."status", OLD."userId", OLD."notes",
         OLD."gitRepo", OLD."gitBranch", OLD."gitCommit", OLD."gitIsDirty", OLD."createdAt", OLD."startedAt",
         OLD."endedAt", OLD."deletedAt")
    IS DISTINCT FROM
        (NEW."experimentId", NEW."parentRunId", NEW."displayName", NEW."status", NEW."userId", NEW."notes",
         NEW."gitRepo", NEW."gitBranch", NEW."gitCommit", NEW."gitIsDirty", NEW."createdAt", NEW."startedAt",
         NEW."endedAt", NEW."deletedAt"))
  EXECUTE FUNCTION "crucible_run_row_changed"();
CREATE TRIGGER "User_view_changed" AFTER UPDATE ON "User" FOR EACH ROW
  WHEN ((OLD."email", OLD."name") IS DISTINCT FROM (NEW."email", NEW."name"))
  EXECUTE FUNCTION "crucible_user_row_changed"();
