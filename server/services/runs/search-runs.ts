import { pgPool } from "../../db";
import { AppError } from "../../errors";
import { ATTRIBUTES, parseRunFilter } from "./run-filter";
import { clauseSql, orderSql, parseOrderBy, SqlParams } from "./run-filter-sql";
import { loadRunViews } from "./run-view";

export type TSearchRuns = {
  experimentIds?: string[];
  filter?: string;
  orderBy?: string[];
  /** "active" (default), "deleted" or "all", as MLflow's run_view_type. */
  view?: "active" | "deleted" | "all";
  maxResults?: number;
  pageToken?: string;
  /** Only top-level runs, or the children of one run. */
  parentRunId?: string | null;
};

function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  const offset = Number(Buffer.from(token, "base64url").toString("utf8"));
  if (!Number.isInteger(offset) || offset < 0) throw new AppError("BAD_REQUEST", "Invalid page token");
  return offset;
}

/** One page of the ids of the runs that match, in order, and the token of the next page. */
export async function searchRunIds(workspaceId: string, input: TSearchRuns) {
  const p = new SqlParams();
  const where = [
    `r."workspaceId" = ${p.add(workspaceId)}`,
    `e."deletedAt" IS NULL OR ${p.add(input.view === "deleted" || input.view === "all")}`,
  ];
  if (input.experimentIds?.length) where.push(`r."experimentId" = ANY(${p.add(input.experimentIds)}::text[])`);
  if (input.view === "deleted") where.push(`(r."deletedAt" IS NOT NULL OR e."deletedAt" IS NOT NULL)`);
  else if (input.view !== "all") where.push(`r."deletedAt" IS NULL`);
  if (input.parentRunId !== undefined)
    where.push(
      input.parentRunId === null ? `r."parentRunId" IS NULL` : `r."parentRunId" = ${p.add(input.parentRunId)}`,
    );
  for (const clause of input.filter?.trim() ? parseRunFilter(input.filter) : []) where.push(clauseSql(clause, p));
  const orders = (input.orderBy ?? []).map((o, i) => orderSql(parseOrderBy(o, ATTRIBUTES), p, i));
  orders.push({ join: null, expression: `r."createdAt" DESC` }, { join: null, expression: `r."id" ASC` });

  const limit = input.maxResults ?? 1000;
  const offset = decodePageToken(input.pageToken);
  const conditions = where.map((w) => `(${w})`).join(" AND ");
  const order = orders.map((o) => o.expression).join(", ");
  // The user's table only when a filter or sort key reads it.
  const user = `${conditions} ${order}`.includes(`u."`) ? `LEFT JOIN "User" u ON u."id" = r."userId"` : "";
  const sql = `
    SELECT r."id" FROM "Run" r
    JOIN "Experiment" e ON e."id" = r."experimentId"
    ${user}
    ${orders.flatMap((o) => (o.join ? [o.join] : [])).join("\n    ")}
    WHERE ${conditions}
    ORDER BY ${order}
    LIMIT ${p.add(limit + 1)} OFFSET ${p.add(offset)}`;
  // Straight to the pool: the ORM would add its own parsing and mapping to every search.
  const { rows } = await pgPool().query<{ id: string }>(sql, p.values);
  return {
    ids: rows.slice(0, limit).map((r) => r.id),
    nextPageToken: rows.length > limit ? Buffer.from(String(offset + limit)).toString("base64url") : null,
  };
}

export async function searchRuns(workspaceId: string, input: TSearchRuns) {
  const { ids, nextPageToken } = await searchRunIds(workspaceId, input);
  return { runs: await loadRunViews(ids), nextPageToken };
}
