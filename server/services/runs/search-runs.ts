import { db } from "../../db";
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

export async function searchRuns(workspaceId: string, input: TSearchRuns) {
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
  const orders = (input.orderBy ?? []).map((o) => orderSql(parseOrderBy(o, ATTRIBUTES), p));
  orders.push(`r."createdAt" DESC`, `r."id" ASC`);

  const limit = input.maxResults ?? 1000;
  const offset = decodePageToken(input.pageToken);
  const sql = `
    SELECT r."id" FROM "Run" r
    JOIN "Experiment" e ON e."id" = r."experimentId"
    LEFT JOIN "User" u ON u."id" = r."userId"
    WHERE ${where.map((w) => `(${w})`).join(" AND ")}
    ORDER BY ${orders.join(", ")}
    LIMIT ${p.add(limit + 1)} OFFSET ${p.add(offset)}`;
  const rows = await db().$queryRawUnsafe<{ id: string }[]>(sql, ...p.values);
  const ids = rows.slice(0, limit).map((r) => r.id);
  return {
    runs: await loadRunViews(ids),
    nextPageToken: rows.length > limit ? Buffer.from(String(offset + limit)).toString("base64url") : null,
  };
}
