import { db } from "../../db";
import { AppError } from "../../errors";
import { tokenizeFilter, unquote, type TFilterToken } from "../runs/run-filter";
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
  const tokens = tokenizeFilter(filter);
  const conditions: string[] = [];
  let i = 0;
  const fail = (what: string, t?: TFilterToken): never => {
    throw new AppError(
      "BAD_REQUEST",
      `Invalid experiment filter: ${what}${t ? ` at position ${t.pos + 1}` : " at the end"}`,
    );
  };
  while (i < tokens.length) {
    const field = tokens[i++]!;
    let tagKey: string | null = null;
    const lower = field.type === "word" ? field.text.toLowerCase() : "";
    if (lower.startsWith("tags.") || lower.startsWith("tag.")) {
      tagKey = field.text.slice(field.text.indexOf(".") + 1);
      if (!tagKey) {
        const quoted = tokens[i++];
        if (quoted?.type !== "quoted") return fail("expected a tag key", quoted);
        tagKey = unquote(quoted.text);
      }
    } else if (lower !== "name" && lower !== "attributes.name") return fail("expected name or tags.<key>", field);
    const opToken = tokens[i++] ?? fail("expected = != LIKE or ILIKE");
    const op = OPS[opToken.text.toUpperCase()] ?? fail("expected = != LIKE or ILIKE", opToken);
    const value = tokens[i++] ?? fail("expected a quoted value");
    if (value.type !== "quoted" || value.text.startsWith("`")) fail("expected a quoted value", value);
    const text = p.add(unquote(value.text));
    conditions.push(
      tagKey === null
        ? `e."name" ${op} ${text}`
        : `EXISTS (SELECT 1 FROM "ExperimentTag" t WHERE t."experimentId" = e."id" AND t."key" = ${p.add(tagKey)} AND t."value" ${op} ${text})`,
    );
    if (i < tokens.length) {
      const and = tokens[i++]!;
      if (and.type !== "word" || and.text.toLowerCase() !== "and") fail("expected AND between conditions", and);
      if (i >= tokens.length) fail("expected a condition after AND");
    }
  }
  return conditions;
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
