import { searchPool } from "../../db";
import { AppError } from "../../errors";
import { ATTRIBUTES, parseRunFilter, type TClause } from "./run-filter";
import { clauseSql, orderSql, parseOrderBy, SqlParams, type TOrder } from "./run-filter-sql";
import { listDatasetInputs, type TDatasetInputRow } from "./dataset-inputs";
import { completeRunViews, RUN_FIELD_COLUMNS, type TRunFieldsRow, type TRunView } from "./run-view";
import { searchRunIndex } from "./run-index/search-run-index";

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

type TOptions = { isWithDatasetInputs?: boolean };
type TParsedSearch = ReturnType<typeof parseSearch>;

function parseSearch(input: TSearchRuns) {
  return {
    clauses: input.filter?.trim() ? parseRunFilter(input.filter) : [],
    orders: (input.orderBy ?? []).map((o) => parseOrderBy(o, ATTRIBUTES)),
    limit: input.maxResults ?? 1000,
    offset: decodePageToken(input.pageToken),
  };
}

/**
 * One page of the runs that match, in order, as the API shows them, and the token of the next
 * page; with `isWithDatasetInputs`, each run's dataset inputs too. Named experiments are searched
 * in memory once their runs are loaded there (run-index/), and in SQL until then.
 */
export async function searchRuns(workspaceId: string, input: TSearchRuns, options: TOptions = {}) {
  const search = parseSearch(input);
  const { clauses, orders, limit, offset } = search;
  const indexed = await searchRunIndex(workspaceId, input, clauses, orders, { rows: limit, skip: offset });
  if (indexed) return answer(search, indexed.runs, indexed.hasMore, options);
  return searchInSql(workspaceId, input, search, options);
}

/** `searchRuns` in SQL only, whatever is in memory: what the search in memory must agree with. */
export async function searchRunsInSql(workspaceId: string, input: TSearchRuns, options: TOptions = {}) {
  return searchInSql(workspaceId, input, parseSearch(input), options);
}

async function answer(search: TParsedSearch, runs: TRunView[], hasMore: boolean, options: TOptions) {
  const ids = runs.map((r) => r.id);
  const datasetInputs = options.isWithDatasetInputs ? await listDatasetInputs(ids) : {};
  return {
    runs,
    datasetInputs: Object.fromEntries(ids.map((id) => [id, datasetInputs[id] ?? ([] as TDatasetInputRow[])])),
    nextPageToken: hasMore ? Buffer.from(String(search.offset + search.limit)).toString("base64url") : null,
  };
}

/**
 * The page's runs come first with their own fields, then the rest of their views and their
 * datasets from statements prepared once: planning the views' subqueries with every search cost
 * more than the round trip it saves.
 */
async function searchInSql(workspaceId: string, input: TSearchRuns, search: TParsedSearch, options: TOptions) {
  const { clauses, limit, offset } = search;
  const [first, ...rest] = search.orders;
  const page = async (found: TRunFieldsRow[]) =>
    answer(search, await completeRunViews(found.slice(0, limit)), found.length > limit, options);
  // Straight to a pool: the ORM would add its own parsing and mapping to every search.
  const query = async (part: TPart, rows: number, skip: number) => {
    const q = pageSql(workspaceId, input, clauses, part, { rows, skip });
    return (await searchPool().query<TRunFieldsRow>(q.text, q.values)).rows;
  };

  if (first?.entity !== "metric")
    return page(await query({ orders: first ? [first, ...rest] : [] }, limit + 1, offset));

  // Sorting on a metric puts the runs without it last. Those that have it come first, through an
  // inner join that PostgreSQL can walk in the order of the (key, lastValue) index, stopping once
  // the page is full, instead of reading the metric of every matching run to sort them all. The
  // runs without it are read only when the page reaches past the others.
  const withKey = await query({ orders: [first, ...rest], isFirstRequired: true }, limit + 1, offset);
  if (withKey.length > limit) return page(withKey);
  const without: TPart = { orders: rest, metric: { key: first.key, isPresent: false } };
  // How many runs without the metric come before the page: none, unless the page starts past all that have it.
  let before = 0;
  if (withKey.length === 0 && offset > 0) {
    const counted = pageSql(workspaceId, input, clauses, { orders: [], metric: { key: first.key, isPresent: true } });
    const { rows } = await searchPool().query<{ n: string }>(counted.text, counted.values);
    before = Math.max(0, offset - Number(rows[0]!.n));
  }
  return page([...withKey, ...(await query(without, limit + 1 - withKey.length, before))]);
}

/**
 * Part of the ordered results: the sort keys, whether runs must have the first (an inner join),
 * and a metric the runs must have or lack.
 */
type TPart = { orders: TOrder[]; isFirstRequired?: boolean; metric?: { key: string; isPresent: boolean } };

/**
 * The query of a part: a page of its runs (`rows` from `skip`) with their own fields, in order,
 * or without `page` the count of its runs.
 */
function pageSql(
  workspaceId: string,
  input: TSearchRuns,
  clauses: TClause[],
  part: TPart,
  page?: { rows: number; skip: number },
) {
  const p = new SqlParams();
  const ws = p.add(workspaceId);
  const where = [`r."workspaceId" = ${ws}`];
  // With the experiments named, which of them are live (or deleted) is looked up once, not
  // joined: planning the join cost more than the whole lookup. Without, the join stays, so a
  // workspace's many experiments never become a list compared with every run.
  const ids = input.experimentIds?.length ? `${p.add(input.experimentIds)}::text[]` : null;
  const experiments = (isDeleted: boolean) =>
    ids
      ? `r."experimentId" = ANY(ARRAY(SELECT e."id" FROM "Experiment" e WHERE e."id" = ANY(${ids}) AND e."workspaceId" = ${ws} AND e."deletedAt" IS ${isDeleted ? "NOT " : ""}NULL))`
      : `e."deletedAt" IS ${isDeleted ? "NOT " : ""}NULL`;
  const isJoined = ids === null && input.view !== "all";
  if (input.view === "all") {
    if (ids) where.push(`r."experimentId" = ANY(${ids})`);
  } else if (input.view === "deleted") {
    if (ids) where.push(`r."experimentId" = ANY(${ids})`);
    where.push(`r."deletedAt" IS NOT NULL OR ${experiments(true)}`);
  } else {
    where.push(`r."deletedAt" IS NULL`, experiments(false));
  }
  if (input.parentRunId !== undefined)
    where.push(
      input.parentRunId === null ? `r."parentRunId" IS NULL` : `r."parentRunId" = ${p.add(input.parentRunId)}`,
    );
  for (const clause of clauses) where.push(clauseSql(clause, p));
  if (part.metric)
    where.push(
      `${part.metric.isPresent ? "" : "NOT "}EXISTS (SELECT 1 FROM "MetricSummary" k WHERE k."runId" = r."id" AND k."key" = ${p.add(part.metric.key)})`,
    );
  const conditions = where.map((w) => `(${w})`).join(" AND ");
  const orders = page ? part.orders.map((o, i) => orderSql(o, p, i, i === 0 && part.isFirstRequired === true)) : [];
  if (page) orders.push({ join: null, expression: `r."createdAt" DESC` }, { join: null, expression: `r."id" ASC` });
  const order = orders.map((o) => o.expression).join(", ");
  // The user's table only when a filter or sort key reads it.
  const user = `${conditions} ${order}`.includes(`u."`) ? `LEFT JOIN "User" u ON u."id" = r."userId"` : "";
  const from = `FROM "Run" r
    ${isJoined ? `JOIN "Experiment" e ON e."id" = r."experimentId"` : ""}
    ${user}
    ${orders.flatMap((o) => (o.join ? [o.join] : [])).join("\n    ")}
    WHERE ${conditions}`;
  if (!page) return { text: `SELECT count(*) AS n ${from}`, values: p.values };
  return {
    text: `SELECT ${RUN_FIELD_COLUMNS} ${from}\n    ORDER BY ${order}\n    LIMIT ${p.add(page.rows)} OFFSET ${p.add(page.skip)}`,
    values: p.values,
  };
}
