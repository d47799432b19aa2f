import { z } from "zod";
import { AppError } from "../../errors";
import { readFilter, unquote, type TFilterOp, type TFilterToken } from "../search/filter-reader";
import { parseRunStatus } from "./run-status";

// Filters and sort orders are parsed in linear time, and these caps bound that time too.
export const MAX_FILTER_LENGTH = 10_000;
export const MAX_ORDER_BY_LENGTH = 500;
export const MAX_ORDER_BY_COUNT = 10;
export const ZFilter = z.string().max(MAX_FILTER_LENGTH);
export const ZOrderBy = z.string().max(MAX_ORDER_BY_LENGTH);
/** MLflow clients send one order_by or a list. */
export const ZMlflowOrderBy = z.union([ZOrderBy, z.array(ZOrderBy).max(MAX_ORDER_BY_COUNT)]);

/**
 * The runs search grammar of MLflow (see filter-reader.ts):
 *   metrics.acc > 0.9 and params.lr = '0.01' and tags.model = 'cnn' and status = 'Completed'
 */
export type TEntity = "metric" | "param" | "tag" | "attribute";
export type TOp = TFilterOp;
export type TClause = { entity: TEntity; key: string; op: TOp; value: number | string | string[] };

const PREFIXES: Record<string, TEntity> = {
  metrics: "metric",
  metric: "metric",
  params: "param",
  param: "param",
  tags: "tag",
  tag: "tag",
  attributes: "attribute",
  attribute: "attribute",
  attr: "attribute",
  run: "attribute",
};

/** Attribute name (as users write it) → canonical name. */
export const ATTRIBUTES: Record<
  string,
  "status" | "name" | "user" | "id" | "start_time" | "end_time" | "experiment_id"
> = {
  status: "status",
  run_name: "name",
  "run name": "name",
  name: "name",
  display_name: "name",
  user: "user",
  user_id: "user",
  run_id: "id",
  id: "id",
  start_time: "start_time",
  created: "start_time",
  end_time: "end_time",
  experiment_id: "experiment_id",
};
const NUMERIC_ATTRIBUTES = new Set(["start_time", "end_time"]);

/**
 * MLflow's system tags that runs keep as fields (server/mlflow/run-endpoints.ts): a filter on the
 * tag is a filter on the field, so `tags.mlflow.parentRunId = '<id>'` finds a run's children.
 */
export const FIELD_TAGS = {
  "mlflow.parentRunId": "parentRunId",
  "mlflow.runName": "displayName",
  "mlflow.user": "userEmail",
} as const;
export type TFieldTag = keyof typeof FIELD_TAGS;

export function isFieldTag(c: TClause): c is TClause & { key: TFieldTag; value: string } {
  return c.entity === "tag" && Object.hasOwn(FIELD_TAGS, c.key) && typeof c.value === "string";
}

export function parseRunFilter(input: string): TClause[] {
  return readFilter(input, "filter", (reader) => {
    const { prefix, key: rawKey, token: first } = reader.identifier();
    let entity: TEntity = "attribute";
    let key = rawKey;
    if (prefix !== null)
      entity =
        PREFIXES[prefix] ??
        reader.fail(`unknown prefix '${prefix}' (use metrics., params., tags. or attributes.)`, first);
    if (entity === "attribute") key = ATTRIBUTES[key.toLowerCase()] ?? reader.fail(`unknown attribute '${key}'`, first);
    const { op } = reader.operator();
    let value: TClause["value"];
    if (op === "IN" || op === "NOT IN") value = reader.list();
    else {
      const t = reader.value();
      if (t.type === "number") value = Number(t.text);
      else if (t.type === "quoted") value = unquote(t.text);
      else return reader.fail("expected a number or a quoted string", t);
    }
    return checkClause({ entity, key, op, value }, first);
  });
}

/** A clause on `status` with its values as the stored statuses ('finished' is Completed); LIKE patterns stay as written. */
export function withStoredStatuses(c: TClause): TClause {
  if (c.entity !== "attribute" || c.key !== "status" || c.op === "LIKE" || c.op === "ILIKE") return c;
  const stored = (v: string) => {
    const status = parseRunStatus(v);
    if (!status) throw new AppError("BAD_REQUEST", `Invalid filter: unknown status '${v}'`);
    return status;
  };
  return { ...c, value: Array.isArray(c.value) ? c.value.map(stored) : stored(String(c.value)) };
}

function checkClause(c: TClause, at: TFilterToken): TClause {
  const name = c.entity === "attribute" ? c.key : `${c.entity}s.${c.key}`;
  const isNumeric = c.entity === "metric" || (c.entity === "attribute" && NUMERIC_ATTRIBUTES.has(c.key));
  if (isNumeric) {
    if (![">", ">=", "<", "<=", "=", "!="].includes(c.op)) throw bad(`${name} compares with > >= < <= = !=`, at);
    if (typeof c.value !== "number") throw bad(`${name} compares with a number, not a string`, at);
  } else {
    if ([">", ">=", "<", "<="].includes(c.op))
      throw bad(`${name} compares with = != LIKE ILIKE${c.entity === "attribute" ? " IN NOT IN" : ""}`, at);
    if ((c.op === "IN" || c.op === "NOT IN") && c.entity !== "attribute") throw bad(`IN works on attributes only`, at);
    if (typeof c.value === "number") throw bad(`${name} compares with a quoted string, e.g. '${c.value}'`, at);
    if ((c.op === "LIKE" || c.op === "ILIKE") && endsWithEscape(String(c.value)))
      throw bad(`a ${c.op} pattern cannot end with the escape character \\`, at);
  }
  return c;
}

/** As PostgreSQL reads a pattern, a backslash takes the next character as itself: an odd run of them at the end escapes nothing. */
function endsWithEscape(pattern: string): boolean {
  let n = 0;
  while (n < pattern.length && pattern[pattern.length - 1 - n] === "\\") n++;
  return n % 2 === 1;
}

function bad(message: string, at: TFilterToken): AppError {
  return new AppError("BAD_REQUEST", `Invalid filter: ${message} (at position ${at.pos + 1})`);
}
