-- DropForeignKey
ALTER TABLE "Metric" DROP CONSTRAINT "Metric_runId_fkey";


-- Hand-written: a run's points go with it on every path that deletes runs (purge, experiment
-- purge, workspace deletion through cascades), as the foreign key's cascade did.
CREATE FUNCTION "crucible_delete_run_metrics"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "Metric" WHERE "runId" = OLD."id";
  RETURN OLD;
END
$$;

CREATE TRIGGER "Run_delete_metrics" AFTER DELETE ON "Run" FOR EACH ROW EXECUTE FUNCTION "crucible_delete_run_metrics"();
