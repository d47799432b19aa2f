import { db } from "../../db";
import { AppError } from "../../errors";
import { readFilter, unquote } from "../search/filter-reader";
import { parseOrderBy, SqlParams } from "../runs/run-filter-sql";

export type TSearchExperiments = {
  filter?: string;
  orderBy?: string[];
  view: "active" | "deleted" | "all";
  maxResults: number;
  pageToken?: string;
};

const OPS: Record<string, string> = { "=": "=", "!=": "<>", LIKE: "LIKE", ILIKE: "ILIKE" };
const ORDER_COLUMNS: Record<string, string> = {
  name: `e."name"`,
  experiment_id: `e."id"`,
  creation_time: `e."createdAt"`,
  last_update_time: `e."updatedAt"`,
};
const ORDER_NAMES = Object.fromEntries(Object.keys(ORDER_COLUMNS).map((k) => [k, k]));

/**
 * MLflow's experiment filter, `name LIKE 'iris%' and tags.stage = 'dev'`, as SQL conditions on
 * the experiment `e`: read by the runs grammar's tokenizer and matched by PostgreSQL, so no
 * pattern of the caller's ever becomes a regex.
 */
function filterSql(filter: string, p: SqlParams): string[] {
  return readFilter(filter, "experiment filter", (reader) => {
    const { prefix, key, token: field } = reader.identifier();
    const isTag = prefix === "tags" || prefix === "tag";
    if (!isTag && !(key.toLowerCase() === "name" && (prefix === null || prefix === "attributes")))
      reader.fail("expected name or tags.<key>", field);
    const { op, token: opToken } = reader.operator();
    const sqlOp = OPS[op] ?? reader.fail("expected = != LIKE or ILIKE", opToken);
    const value = reader.value();
    if (value.type !== "quoted" || value.text.startsWith("`")) reader.fail("expected a quoted value", value);
    const text = p.add(unquote(value.text));
    return isTag
      ? `EXISTS (SELECT 1 FROM "ExperimentTag" t WHERE t."experimentId" = e."id" AND t."key" = ${p.add(key)} AND t."value" ${sqlOp} ${text})`
      : `e."name" ${sqlOp} ${text}`;
  });
}

function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  const offset = Number(Buffer.from(token, "base64url").toString());
  if (!Number.isInteger(offset) || offset < 0) throw new AppError("BAD_REQUEST", "Invalid page token");
  return offset;
}

/** MLflow's experiments/search: filtered, ordered and paged by PostgreSQL. */
export async function searchExperiments(workspaceId: string, input: TSearchExperiments) {
  const p = new SqlParams();
  const where = [`e."workspaceId" = ${p.add(workspaceId)}`];
  if (input.view === "active") where.push(`e."deletedAt" IS NULL`);
  if (input.view === "deleted") where.push(`e."deletedAt" IS NOT NULL`);
  if (input.filter?.trim()) where.push(...filterSql(input.filter, p));
  const orders = (input.orderBy ?? []).map((text) => {
    const order = parseOrderBy(text, ORDER_NAMES);
    if (order.entity !== "attribute")
      throw new AppError(
        "BAD_REQUEST",
        `Invalid order_by '${text.slice(0, 100)}': experiments sort by name, experiment_id, creation_time or last_update_time`,
      );
    return `${ORDER_COLUMNS[order.key]} ${order.isDescending ? "DESC" : "ASC"}`;
  });
  orders.push(`e."updatedAt" DESC`, `e."id" ASC`);
  const offset = decodePageToken(input.pageToken);
  const rows = await db().$queryRawUnsafe<{ id: string }[]>(
    `SELECT e."id" FROM "Experiment" e WHERE ${where.map((w) => `(${w})`).join(" AND ")} ORDER BY ${orders.join(", ")} LIMIT ${p.add(input.maxResults + 1)} OFFSET ${p.add(offset)}`,
    ...p.values,
  );
  const ids = rows.slice(0, input.maxResults).map((r) => r.id);
  const found = new Map(
    (await db().experiment.findMany({ where: { id: { in: ids } }, include: { tags: true } })).map((e) => [e.id, e]),
  );
  return {
    experiments: ids.map((id) => found.get(id)!).filter(Boolean),
    nextPageToken:
      rows.length > input.maxResults ? Buffer.from(String(offset + input.maxResults)).toString("base64url") : null,
  };
}
