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

export type TRunViewRow = {
  id: string;
  experimentId: string;
  parentRunId: string | null;
  displayName: string;
  status: RunStatus;
  userId: string | null;
  userEmail: string | null;
  userName: string | null;
  notes: string;
  gitRepo: string | null;
  gitBranch: string | null;
  gitCommit: string | null;
  gitIsDirty: boolean | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  deletedAt: Date | null;
  childCount: string;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: Record<string, TMetricSummaryView>;
};

// Timestamps are stored as UTC without a zone; read as timestamptz they come back as the right Dates.
/** The columns of a run's view, over the run `r` and its user `u`; `toRunView` reads them. */
export const RUN_VIEW_COLUMNS = `r."id", r."experimentId", r."parentRunId", r."displayName", r."status"::text AS "status", r."userId",
     u."email" AS "userEmail", u."name" AS "userName", r."notes",
     r."gitRepo", r."gitBranch", r."gitCommit", r."gitIsDirty",
     r."createdAt" AT TIME ZONE 'UTC' AS "createdAt", r."startedAt" AT TIME ZONE 'UTC' AS "startedAt",
     r."endedAt" AT TIME ZONE 'UTC' AS "endedAt", r."deletedAt" AT TIME ZONE 'UTC' AS "deletedAt",
     (SELECT count(*) FROM "Run" c WHERE c."parentRunId" = r."id") AS "childCount",
     (SELECT coalesce(json_object_agg(p."key", p."value"), '{}') FROM "RunParam" p WHERE p."runId" = r."id") AS "params",
     (SELECT coalesce(json_object_agg(t."key", t."value"), '{}') FROM "RunTag" t WHERE t."runId" = r."id") AS "tags",
     (SELECT coalesce(json_object_agg(s."key", json_build_object(
         'last', s."lastValue", 'lastStep', s."lastStep", 'lastTimestamp', s."lastTimestamp",
         'min', s."minValue", 'max', s."maxValue", 'count', s."count")), '{}')
       FROM "MetricSummary" s WHERE s."runId" = r."id") AS "metrics"`;

const selectRunViews = preparedQuery<TRunViewRow>(
  "crucible_run_views",
  `SELECT ${RUN_VIEW_COLUMNS}
   FROM "Run" r LEFT JOIN "User" u ON u."id" = r."userId"
   WHERE r."id" = ANY($1::text[])`,
  { mayTakeLong: true },
);

/**
 * What the API shows of runs: fields, params, tags and each metric's summary. One prepared
 * statement with the key/value sets folded into JSON by PostgreSQL, since the runs table asks for
 * thousands at once (PostgreSQL writes NaN and ±Infinity in JSON as the strings the API uses).
 */
export async function loadRunViews(ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await selectRunViews([ids]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const now = Date.now();
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toRunView(r, now)] : [];
  });
}

/** A row of `RUN_VIEW_COLUMNS` as the API shows it; `now` ends the duration of a run still going. */
export function toRunView(r: TRunViewRow, now: number) {
  const end = r.endedAt?.getTime() ?? (r.startedAt ? now : null);
  return {
    id: r.id,
    experimentId: r.experimentId,
    parentRunId: r.parentRunId,
    displayName: r.displayName,
    status: r.status,
    user: r.userId && r.userEmail ? { id: r.userId, email: r.userEmail, name: r.userName ?? "" } : null,
    notes: r.notes,
    git: { repo: r.gitRepo, branch: r.gitBranch, commit: r.gitCommit, isDirty: r.gitIsDirty },
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    durationMs: r.startedAt && end !== null ? end - r.startedAt.getTime() : null,
    isDeleted: r.deletedAt !== null,
    childCount: Number(r.childCount),
    params: r.params,
    tags: r.tags,
    metrics: r.metrics,
  };
}

export type TRunView = ReturnType<typeof toRunView>;
