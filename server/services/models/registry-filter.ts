import { readFilter, unquote, type TFilterOp } from "../search/filter-reader";

export type TRegistryOp = TFilterOp;
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
 * MLflow's registry search grammar (see filter-reader.ts) on `name`, `tags.<key>` and, for
 * versions, `run_id`, `source_path`, `version_number`, `alias`; `=`, `!=`, `LIKE`, `ILIKE`, `IN`.
 */
export function parseRegistryFilter(input: string, fields: readonly string[]): TRegistryClause[] {
  return readFilter(input, "filter", (reader): TRegistryClause => {
    const { prefix, key, token: first } = reader.identifier();
    const isTag = prefix === "tags" || prefix === "tag";
    const name = prefix === null || /^attributes?$/.test(prefix) ? key.toLowerCase() : "";
    if (!isTag && (!fields.includes(name) || !FIELDS[name]))
      reader.fail(`unknown field '${first.text}' (use ${fields.join(", ")} or tags.<key>)`, first);
    const { op, token: opToken } = reader.operator();
    let value: string | string[];
    if (op === "IN" || op === "NOT IN") value = reader.list();
    else {
      const t = reader.value();
      if (t.type !== "quoted" && t.type !== "number") reader.fail("expected a quoted value", t);
      value = t.type === "quoted" ? unquote(t.text) : t.text;
    }
    if (["<", "<=", ">", ">="].includes(op) && name !== "version_number")
      reader.fail(`'${op}' compares version_number only`, opToken);
    return isTag ? { field: "tag", key, op, value } : { field: FIELDS[name]!, op, value };
  });
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
