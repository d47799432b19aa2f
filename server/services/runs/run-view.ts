import type { RunStatus } from "../../generated/prisma/client";
import { preparedQuery } from "../../database/prepared-query";
import type { TEncodedFloat } from "./metric-value";

type TMetricSummaryView = {
  last: TEncodedFloat;
  lastStep: number;
  lastTimestamp: number;
  min: TEncodedFloat | null;
  max: TEncodedFloat | null;
  count: number;
};

/** A run's own fields, as `RUN_FIELD_COLUMNS` reads them. */
export type TRunFieldsRow = {
  id: string;
  experimentId: string;
  parentRunId: string | null;
  displayName: string;
  status: RunStatus;
  userId: string | null;
  notes: string;
  gitRepo: string | null;
  gitBranch: string | null;
  gitCommit: string | null;
  gitIsDirty: boolean | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  deletedAt: Date | null;
};

/** What a run's view takes from other tables, as `runSetColumns` reads them. */
type TRunSetsRow = {
  userEmail: string | null;
  userName: string | null;
  childCount: string;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: Record<string, TMetricSummaryView>;
};

type TRunViewRow = TRunFieldsRow & TRunSetsRow;

// Timestamps are stored as UTC without a zone; read as timestamptz they come back as the right Dates.
/** A run's own fields, over the run `r`. */
export const RUN_FIELD_COLUMNS = `r."id", r."experimentId", r."parentRunId", r."displayName", r."status"::text AS "status", r."userId",
     r."notes", r."gitRepo", r."gitBranch", r."gitCommit", r."gitIsDirty",
     r."createdAt" AT TIME ZONE 'UTC' AS "createdAt", r."startedAt" AT TIME ZONE 'UTC' AS "startedAt",
     r."endedAt" AT TIME ZONE 'UTC' AS "endedAt", r."deletedAt" AT TIME ZONE 'UTC' AS "deletedAt"`;

/** The rest of a run's view, for the run id `id` and its user `u`: key/value sets folded into JSON by PostgreSQL. */
const runSetColumns = (id: string) => `u."email" AS "userEmail", u."name" AS "userName",
     (SELECT count(*) FROM "Run" c WHERE c."parentRunId" = ${id}) AS "childCount",
     (SELECT coalesce(json_object_agg(p."key", p."value"), '{}') FROM "RunParam" p WHERE p."runId" = ${id}) AS "params",
     (SELECT coalesce(json_object_agg(t."key", t."value"), '{}') FROM "RunTag" t WHERE t."runId" = ${id}) AS "tags",
     (SELECT coalesce(json_object_agg(s."key", json_build_object(
         'last', s."lastValue", 'lastStep', s."lastStep", 'lastTimestamp', s."lastTimestamp",
         'min', s."minValue", 'max', s."maxValue", 'count', s."count")), '{}')
       FROM "MetricSummary" s WHERE s."runId" = ${id}) AS "metrics"`;

const selectRunViews = preparedQuery<TRunViewRow>(
  "crucible_run_views",
  `SELECT ${RUN_FIELD_COLUMNS}, ${runSetColumns(`r."id"`)}
   FROM "Run" r LEFT JOIN "User" u ON u."id" = r."userId"
   WHERE r."id" = ANY($1::text[])`,
  { mayTakeLong: true },
);

const selectRunSets = preparedQuery<TRunSetsRow & { id: string }>(
  "crucible_run_sets",
  `SELECT i."id", ${runSetColumns(`i."id"`)}
   FROM unnest($1::text[], $2::text[]) AS i("id", "userId") LEFT JOIN "User" u ON u."id" = i."userId"`,
  { mayTakeLong: true },
);

/**
 * What the API shows of runs: fields, params, tags and each metric's summary. One prepared
 * statement, since the runs table asks for thousands at once (PostgreSQL writes NaN and ±Infinity
 * in JSON as the strings the API uses).
 */
export async function loadRunViews(ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await selectRunViews([ids]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const now = Date.now();
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toRunView(r, r, now)] : [];
  });
}

/**
 * The views of runs whose own fields are already read (a search's page reads them as it finds
 * the runs): only the rest is looked up, without finding each run again. The two rows stay
 * apart: spreading them into one object took longer than the statement saves.
 */
export async function completeRunViews(runs: TRunFieldsRow[]) {
  if (runs.length === 0) return [];
  const sets = new Map((await selectRunSets([runs.map((r) => r.id), runs.map((r) => r.userId)])).map((s) => [s.id, s]));
  const now = Date.now();
  return runs.map((r) => toRunView(r, sets.get(r.id)!, now));
}

/**
 * A run's fields and sets as the API shows them; `now` ends the duration of a run still going.
 * Searches kept in memory (run-index/) hold these views, and learn which to read again from the
 * triggers of migration run_changes: what a view shows from a new column or table must be
 * watched there too.
 */
export function toRunView(r: TRunFieldsRow, s: TRunSetsRow, now: number) {
  return {
    id: r.id,
    experimentId: r.experimentId,
    parentRunId: r.parentRunId,
    displayName: r.displayName,
    status: r.status,
    user: r.userId && s.userEmail ? { id: r.userId, email: s.userEmail, name: s.userName ?? "" } : null,
    notes: r.notes,
    git: { repo: r.gitRepo, branch: r.gitBranch, commit: r.gitCommit, isDirty: r.gitIsDirty },
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    durationMs: durationMs(r, now),
    isDeleted: r.deletedAt !== null,
    childCount: Number(s.childCount),
    params: s.params,
    tags: s.tags,
    metrics: s.metrics,
  };
}

export type TRunView = ReturnType<typeof toRunView>;

function durationMs(r: { startedAt: Date | null; endedAt: Date | null }, now: number): number | null {
  if (!r.startedAt) return null;
  return (r.endedAt?.getTime() ?? now) - r.startedAt.getTime();
}

/** A view read earlier, with the duration of a run still going as of `now`. */
export function withCurrentDuration(view: TRunView, now: number): TRunView {
  return view.startedAt && !view.endedAt ? { ...view, durationMs: durationMs(view, now) } : view;
}
