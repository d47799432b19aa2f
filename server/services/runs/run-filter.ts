import { z } from "zod";
import { AppError } from "../../errors";
import { readFilter, unquote, type TFilterOp, type TFilterToken } from "../search/filter-reader";

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
  }
  return c;
}

function bad(message: string, at: TFilterToken): AppError {
  return new AppError("BAD_REQUEST", `Invalid filter: ${message} (at position ${at.pos + 1})`);
}
