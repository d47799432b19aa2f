import "server-only";
import { preparedQuery } from "../../../database/prepared-query";

/**
 * An experiment as a search kept in memory sees it, at a snapshot of the database: the
 * transactions committed by then are in it, and any other one's changes come later through
 * RunChange (migration run_changes), which triggers write in the writer's own transaction.
 */
export type TExperimentAt = { workspaceId: string; isDeleted: boolean; snapshot: string };

const selectExperimentRuns = preparedQuery<TExperimentAt & { runIds: string[] }>(
  "crucible_run_index_runs",
  `SELECT e."workspaceId", e."deletedAt" IS NOT NULL AS "isDeleted", pg_current_snapshot()::text AS "snapshot",
     ARRAY(SELECT r."id" FROM "Run" r WHERE r."experimentId" = e."id" LIMIT $2) AS "runIds"
   FROM "Experiment" e WHERE e."id" = $1`,
);

// Changes not in the snapshot: from transactions that had not committed when it was taken, or
// had not begun. Those before its xmin are in it, so the index on (experimentId, changedXid)
// reads only the recent ones.
const selectChangedRuns = preparedQuery<TExperimentAt & { runIds: string[] }>(
  "crucible_run_index_changes",
  `SELECT e."workspaceId", e."deletedAt" IS NOT NULL AS "isDeleted", pg_current_snapshot()::text AS "snapshot",
     ARRAY(SELECT c."runId" FROM "RunChange" c
       WHERE c."experimentId" = e."id"
         AND c."changedXid" >= pg_snapshot_xmin($2::text::pg_snapshot)::text::bigint
         AND NOT pg_visible_in_snapshot(c."changedXid"::text::xid8, $2::text::pg_snapshot)) AS "runIds"
   FROM "Experiment" e WHERE e."id" = $1`,
);

/** The experiment now, with the ids of its runs (at most `limit`); null when it does not exist. */
export async function readExperimentRuns(experimentId: string, limit: number) {
  return (await selectExperimentRuns([experimentId, limit]))[0] ?? null;
}

/** The experiment now, with the ids of the runs changed (or purged) since `snapshot`; null when it does not exist. */
export async function readChangedRuns(experimentId: string, snapshot: string) {
  return (await selectChangedRuns([experimentId, snapshot]))[0] ?? null;
}
