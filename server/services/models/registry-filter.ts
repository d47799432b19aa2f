import { AppError } from "../../errors";
import { tokenizeFilter, unquote, type TFilterToken } from "../runs/run-filter";

export type TRegistryOp = "=" | "!=" | "LIKE" | "ILIKE" | "IN" | "NOT IN" | "<" | "<=" | ">" | ">=";
export type TRegistryClause =
  | { field: "name" | "run_id" | "source_path" | "version_number" | "alias"; op: TRegistryOp; value: string | string[] }
  | { field: "tag"; key: string; op: TRegistryOp; value: string | string[] };

/** What a clause is tested on: a model (name, tags) or a version (also run_id, version_number...). */
export type TRegistryRow = {
  name: string;
  tags: Record<string, string>;
  runId?: string | null;
  sourcePath?: string | null;
  version?: number;
  aliases?: readonly string[];
};

const FIELDS: Record<string, Exclude<TRegistryClause["field"], "tag">> = {
  name: "name",
  run_id: "run_id",
  source_path: "source_path",
  version_number: "version_number",
  alias: "alias",
};

/**
 * MLflow's registry search grammar: clauses joined by AND on `name`, `tags.<key>` and, for
 * versions, `run_id`, `source_path`, `version_number`; `=`, `!=`, `LIKE`, `ILIKE`, `IN`.
 */
export function parseRegistryFilter(input: string, fields: readonly string[]): TRegistryClause[] {
  const tokens = tokenizeFilter(input);
  const clauses: TRegistryClause[] = [];
  let i = 0;
  const fail = (what: string, t?: TFilterToken): never => {
    throw new AppError(
      "BAD_REQUEST",
      `Invalid filter: ${what}${t ? ` at position ${t.pos + 1} ('${t.text}')` : " at the end"}`,
    );
  };
  while (i < tokens.length) {
    const first = tokens[i++] ?? fail("expected an identifier");
    let tagKey: string | null = null;
    let field: TRegistryClause["field"];
    const word = first.type === "quoted" && !first.text.startsWith("'") ? unquote(first.text) : first.text;
    if (/^tags?\./i.test(word)) {
      tagKey = word.slice(word.indexOf(".") + 1);
      if (tagKey === "") {
        const quoted = tokens[i++];
        if (!quoted || quoted.type !== "quoted") fail("expected a key after 'tags.'", quoted);
        tagKey = unquote(quoted!.text);
      } else if (/^[`"]/.test(tagKey)) tagKey = unquote(tagKey);
      field = "tag";
    } else {
      const name = word.replace(/^attributes?\./i, "").toLowerCase();
      if (!fields.includes(name) || !FIELDS[name])
        fail(`unknown field '${word}' (use ${fields.join(", ")} or tags.<key>)`, first);
      field = FIELDS[name]!;
    }
    const opToken = tokens[i++] ?? fail("expected a comparison operator");
    let op: TRegistryOp;
    if (opToken.type === "op") op = opToken.text as TRegistryOp;
    else if (opToken.type === "word" && /^(like|ilike|in)$/i.test(opToken.text))
      op = opToken.text.toUpperCase() as TRegistryOp;
    else if (opToken.type === "word" && /^not$/i.test(opToken.text) && /^in$/i.test(tokens[i]?.text ?? "")) {
      i++;
      op = "NOT IN";
    } else return fail("expected a comparison operator", opToken);
    let value: string | string[];
    if (op === "IN" || op === "NOT IN") {
      if (tokens[i++]?.text !== "(") fail("expected '(' after IN", tokens[i - 1]);
      const list: string[] = [];
      while (true) {
        const t = tokens[i++] ?? fail("unclosed '('");
        if (t.type !== "quoted" && t.type !== "number") fail("expected a value in the list", t);
        list.push(t.type === "quoted" ? unquote(t.text) : t.text);
        const next = tokens[i++] ?? fail("unclosed '('");
        if (next.text === ")") break;
        if (next.text !== ",") fail("expected ',' or ')'", next);
      }
      value = list;
    } else {
      const t = tokens[i++] ?? fail("expected a value");
      if (t.type !== "quoted" && t.type !== "number") fail("expected a quoted value", t);
      value = t.type === "quoted" ? unquote(t.text) : t.text;
    }
    if (["<", "<=", ">", ">="].includes(op) && field !== "version_number")
      fail(`'${op}' compares version_number only`, opToken);
    clauses.push(field === "tag" ? { field, key: tagKey!, op, value } : { field, op, value });
    if (i < tokens.length) {
      const and = tokens[i++]!;
      if (!(and.type === "word" && /^and$/i.test(and.text))) fail("expected AND (OR is not supported)", and);
      if (i >= tokens.length) fail("expected a clause after AND");
    }
  }
  return clauses;
}

function likeRegex(pattern: string, isCaseless: boolean): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/%/g, ".*")
    .replace(/_/g, ".");
  return new RegExp(`^${body}$`, isCaseless ? "is" : "s");
}

function compare(actual: string | number | null | undefined, op: TRegistryOp, value: string | string[]): boolean {
  if (actual === null || actual === undefined) return op === "!=" || op === "NOT IN";
  const text = String(actual);
  switch (op) {
    case "=":
      return text === value;
    case "!=":
      return text !== value;
    case "LIKE":
    case "ILIKE":
      return likeRegex(String(value), op === "ILIKE").test(text);
    case "IN":
      return (value as string[]).includes(text);
    case "NOT IN":
      return !(value as string[]).includes(text);
    default: {
      const [a, b] = [Number(actual), Number(value)];
      return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
    }
  }
}

export function matchesRegistryFilter(row: TRegistryRow, clauses: readonly TRegistryClause[]): boolean {
  return clauses.every((c) => {
    switch (c.field) {
      case "tag":
        return compare(row.tags[c.key], c.op, c.value);
      case "name":
        return compare(row.name, c.op, c.value);
      case "run_id":
        return compare(row.runId, c.op, c.value);
      case "source_path":
        return compare(row.sourcePath, c.op, c.value);
      case "version_number":
        return compare(row.version, c.op, c.value);
      case "alias":
        return (row.aliases ?? []).some((a) => compare(a, c.op, c.value));
    }
  });
}
