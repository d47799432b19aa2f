import { AppError } from "../../errors";
import { FIELD_TAGS, isFieldTag, withStoredStatuses, type TClause } from "./run-filter";

/** Collects positional parameters for a raw query: never is a value spliced into SQL text. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const SQL_OP: Record<string, string> = {
  ">": ">",
  ">=": ">=",
  "<": "<",
  "<=": "<=",
  "=": "=",
  "!=": "<>",
  LIKE: "LIKE",
  ILIKE: "ILIKE",
};

const ATTRIBUTE_COLUMN = {
  status: `r."status"::text`,
  name: `r."displayName"`,
  user: `coalesce(u."email", '')`,
  id: `r."id"`,
  experiment_id: `r."experimentId"`,
  start_time: `(extract(epoch from r."startedAt") * 1000)`,
  end_time: `(extract(epoch from r."endedAt") * 1000)`,
} as const;

export function attributeColumn(key: string): string {
  const column = ATTRIBUTE_COLUMN[key as keyof typeof ATTRIBUTE_COLUMN];
  if (!column) throw new AppError("BAD_REQUEST", `Unknown attribute '${key}'`);
  return column;
}

const FIELD_TAG_COLUMN: Record<(typeof FIELD_TAGS)[keyof typeof FIELD_TAGS], string> = {
  parentRunId: `r."parentRunId"`,
  displayName: `r."displayName"`,
  userEmail: `u."email"`,
};

/** One clause as a SQL condition on the run `r` (joined to its user `u`). */
export function clauseSql(c: TClause, p: SqlParams): string {
  if (c.entity === "metric") {
    return `EXISTS (SELECT 1 FROM "MetricSummary" ms WHERE ms."runId" = r."id" AND ms."key" = ${p.add(c.key)} AND ms."lastValue" ${SQL_OP[c.op]} ${p.add(c.value)}::float8)`;
  }
  if (isFieldTag(c)) return `${FIELD_TAG_COLUMN[FIELD_TAGS[c.key]]} ${SQL_OP[c.op]} ${p.add(c.value)}`;
  if (c.entity === "param" || c.entity === "tag") {
    const table = c.entity === "param" ? `"RunParam"` : `"RunTag"`;
    const value = p.add(c.value);
    // The index holds the first 200 characters of a value (migration run_search_indexes).
    // Equal to a value of fewer than 200 characters is the same as equal in the first 200: the
    // index alone answers, and the planner does not take the two conditions for independent ones.
    const match =
      c.op === "=" && typeof c.value === "string" && c.value.length < 200
        ? `left(kv."value", 200) = ${value}`
        : `kv."value" ${SQL_OP[c.op]} ${value}${c.op === "=" ? ` AND left(kv."value", 200) = left(${value}, 200)` : ""}`;
    return `EXISTS (SELECT 1 FROM ${table} kv WHERE kv."runId" = r."id" AND kv."key" = ${p.add(c.key)} AND ${match})`;
  }
  const column = attributeColumn(c.key);
  const { value } = withStoredStatuses(c);
  if (c.op === "IN" || c.op === "NOT IN") {
    return `${c.op === "NOT IN" ? "NOT " : ""}(${column} = ANY(${p.add(value)}::text[]))`;
  }
  if (typeof value === "number") return `${column} ${SQL_OP[c.op]} ${p.add(value)}::float8`;
  return `${column} ${SQL_OP[c.op]} ${p.add(value)}`;
}

export type TOrder = { entity: TClause["entity"]; key: string; isDescending: boolean };

const ORDER_ENTITY: Record<string, TClause["entity"]> = {
  metrics: "metric",
  metric: "metric",
  params: "param",
  param: "param",
  tags: "tag",
  tag: "tag",
  attributes: "attribute",
  attribute: "attribute",
};
// One character class, anchored: linear on any input.
const PLAIN_KEY = /^[\w.\-/ ]+$/;

const isSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r";

/**
 * `<identifier> [ASC|DESC]`, the identifier `metrics.acc`, `params.lr`, `tags.x`, an attribute,
 * or a backquoted or double-quoted key. Read by hand, in one pass: no regex with backtracking
 * ever sees the text.
 */
export function parseOrderBy(text: string, attributeNames: Record<string, string>): TOrder {
  const invalid = (why: string) =>
    new AppError("BAD_REQUEST", `Invalid order_by '${text.trim().slice(0, 100)}': ${why}`);
  let rest = text.trim();
  let isDescending = false;
  let last = rest.length - 1;
  while (last >= 0 && !isSpace(rest[last]!)) last--;
  const direction = rest.slice(last + 1).toUpperCase();
  if (last >= 0 && (direction === "ASC" || direction === "DESC")) {
    isDescending = direction === "DESC";
    rest = rest.slice(0, last).trimEnd();
  }
  const dot = rest.indexOf(".");
  const entity = dot > 0 ? ORDER_ENTITY[rest.slice(0, dot).toLowerCase()] : undefined;
  let key = entity ? rest.slice(dot + 1) : rest;
  const quote = key[0];
  if ((quote === "`" || quote === '"') && key.length >= 2 && key.endsWith(quote)) key = key.slice(1, -1);
  else if (!PLAIN_KEY.test(key)) throw invalid("use '<identifier> [ASC|DESC]'");
  if (!key) throw invalid("the key is empty");
  if ((entity ?? "attribute") !== "attribute") return { entity: entity!, key, isDescending };
  const attribute = attributeNames[key.toLowerCase()];
  if (!attribute) throw invalid("unknown attribute");
  return { entity: "attribute", key: attribute, isDescending };
}

/**
 * One sort key as a SQL expression, with the join that brings it (alias `o<index>`). A join, not a
 * correlated subquery, so PostgreSQL can read the key for many runs at once. Runs without the sort
 * key sort last, whichever the direction; with `isRequired` only runs that have it are read, by an
 * inner join whose order an index on the key can give.
 */
export function orderSql(
  o: TOrder,
  p: SqlParams,
  index: number,
  isRequired = false,
): { join: string | null; expression: string } {
  // Without runs lacking the key there are no nulls to place, and a plain direction matches the index.
  const direction = `${o.isDescending ? "DESC" : "ASC"}${isRequired ? "" : " NULLS LAST"}`;
  const alias = `o${index}`;
  if (o.entity === "metric" || o.entity === "param" || o.entity === "tag") {
    const [table, column] =
      o.entity === "metric"
        ? [`"MetricSummary"`, "lastValue"]
        : [o.entity === "param" ? `"RunParam"` : `"RunTag"`, "value"];
    return {
      join: `${isRequired ? "JOIN" : "LEFT JOIN"} ${table} ${alias} ON ${alias}."runId" = r."id" AND ${alias}."key" = ${p.add(o.key)}`,
      expression: `${alias}."${column}" ${direction}`,
    };
  }
  return { join: null, expression: `${attributeColumn(o.key)} ${direction}` };
}
