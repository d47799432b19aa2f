import { z } from "zod";
import { AppError } from "../../errors";

// Filters and sort orders are parsed in linear time, and these caps bound that time too.
export const MAX_FILTER_LENGTH = 10_000;
export const MAX_ORDER_BY_LENGTH = 500;
export const MAX_ORDER_BY_COUNT = 10;
export const ZFilter = z.string().max(MAX_FILTER_LENGTH);
export const ZOrderBy = z.string().max(MAX_ORDER_BY_LENGTH);
/** MLflow clients send one order_by or a list. */
export const ZMlflowOrderBy = z.union([ZOrderBy, z.array(ZOrderBy).max(MAX_ORDER_BY_COUNT)]);

/**
 * The runs search grammar of MLflow: clauses joined by AND, each `<identifier> <op> <value>`.
 *   metrics.acc > 0.9 and params.lr = '0.01' and tags.model = 'cnn' and status = 'Completed'
 * Keys with other characters go in backticks or double quotes: metrics.`f1-score` >= 0.8.
 */
export type TEntity = "metric" | "param" | "tag" | "attribute";
export type TOp = ">" | ">=" | "<" | "<=" | "=" | "!=" | "LIKE" | "ILIKE" | "IN" | "NOT IN";
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

export type TFilterToken = { type: "word" | "quoted" | "number" | "op" | "punct"; text: string; pos: number };

const TOKEN =
  /\s*(?:(`[^`]*`|"[^"]*"|'(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w.]))|(>=|<=|!=|<>|=|>|<)|([(),])|([A-Za-z_][\w.\-/]*))/y;

/** The filter grammar's tokens, read left to right by one sticky regex whose branches cannot backtrack into each other. */
export function tokenizeFilter(input: string): TFilterToken[] {
  const tokens: TFilterToken[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < input.length) {
    const pos = TOKEN.lastIndex;
    const m = TOKEN.exec(input);
    if (!m) {
      if (/^\s*$/.test(input.slice(pos))) break;
      throw new AppError(
        "BAD_REQUEST",
        `Invalid filter: unexpected '${input.slice(pos).trim().slice(0, 20)}' at position ${pos + 1}`,
      );
    }
    if (m[1] !== undefined) tokens.push({ type: "quoted", text: m[1], pos });
    else if (m[2] !== undefined) tokens.push({ type: "number", text: m[2], pos });
    else if (m[3] !== undefined) tokens.push({ type: "op", text: m[3] === "<>" ? "!=" : m[3], pos });
    else if (m[4] !== undefined) tokens.push({ type: "punct", text: m[4], pos });
    else tokens.push({ type: "word", text: m[5]!, pos });
  }
  return tokens;
}

export function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(.)/g, "$1");
}

export function parseRunFilter(input: string): TClause[] {
  const tokens = tokenizeFilter(input);
  const clauses: TClause[] = [];
  let i = 0;
  const fail = (what: string, t?: TFilterToken): never => {
    throw new AppError(
      "BAD_REQUEST",
      `Invalid filter: ${what}${t ? ` at position ${t.pos + 1} ('${t.text}')` : " at the end"}`,
    );
  };
  while (i < tokens.length) {
    // identifier: prefix.key | prefix.`key` | attribute
    const first = tokens[i++] ?? fail("expected an identifier");
    let entity: TEntity = "attribute";
    let key: string;
    if (first.type === "word" && first.text.includes(".")) {
      const dot = first.text.indexOf(".");
      const prefix = first.text.slice(0, dot).toLowerCase();
      entity =
        PREFIXES[prefix] ?? fail(`unknown prefix '${prefix}' (use metrics., params., tags. or attributes.)`, first);
      key = first.text.slice(dot + 1);
      if (key === "") {
        const quoted = tokens[i++];
        if (!quoted || quoted.type !== "quoted") fail("expected a key after the prefix", quoted);
        key = unquote(quoted!.text);
      }
    } else if (first.type === "word" || (first.type === "quoted" && !first.text.startsWith("'"))) {
      key = first.type === "quoted" ? unquote(first.text) : first.text;
    } else {
      return fail("expected an identifier", first);
    }
    if (entity === "attribute") {
      const canonical = ATTRIBUTES[key.toLowerCase()] ?? fail(`unknown attribute '${key}'`, first);
      key = canonical;
    }
    // operator
    const opToken = tokens[i++] ?? fail("expected a comparison operator");
    let op: TOp;
    if (opToken.type === "op") op = opToken.text as TOp;
    else if (opToken.type === "word" && /^(like|ilike|in)$/i.test(opToken.text)) op = opToken.text.toUpperCase() as TOp;
    else if (opToken.type === "word" && /^not$/i.test(opToken.text) && /^in$/i.test(tokens[i]?.text ?? "")) {
      i++;
      op = "NOT IN";
    } else return fail("expected a comparison operator", opToken);
    // value
    let value: TClause["value"];
    if (op === "IN" || op === "NOT IN") {
      if (tokens[i++]?.text !== "(") fail("expected '(' after IN", tokens[i - 1]);
      const list: string[] = [];
      while (true) {
        const t = tokens[i++] ?? fail("unclosed '('");
        if (t.type !== "quoted" && t.type !== "number") fail("expected a value in the list", t);
        list.push(t.type === "quoted" ? unquote(t.text) : t.text);
        const sep = tokens[i++] ?? fail("unclosed '('");
        if (sep.text === ")") break;
        if (sep.text !== ",") fail("expected ',' or ')'", sep);
      }
      value = list;
    } else {
      const t = tokens[i++] ?? fail("expected a value");
      if (t.type === "number") value = Number(t.text);
      else if (t.type === "quoted") value = unquote(t.text);
      else return fail("expected a number or a quoted string", t);
    }
    clauses.push(checkClause({ entity, key, op, value }, first));
    // AND between clauses
    if (i < tokens.length) {
      const and = tokens[i++]!;
      if (and.type !== "word" || and.text.toLowerCase() !== "and")
        fail("expected AND between conditions (OR is not supported)", and);
      if (i >= tokens.length) fail("expected a condition after AND");
    }
  }
  return clauses;
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
