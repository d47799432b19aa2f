import { decodeFloat } from "../metric-value";
import { FIELD_TAGS, isFieldTag, withStoredStatuses, type TClause } from "../run-filter";
import type { TRunView } from "../run-view";
import { lowerText, type TTextRules } from "./database-text-rules";
import { attributeValue } from "./run-attributes";

type TMatch = (run: TRunView) => boolean;

/**
 * A filter's clauses as one test on a run's view, with the answers of their SQL in
 * run-filter-sql.ts: a run without the param, tag or metric, or with a null field, matches no
 * comparison at all, `!=` included; floats compare as PostgreSQL's do (NaN equals NaN and sorts
 * above every number).
 */
export function runMatcher(clauses: TClause[], rules: TTextRules): TMatch {
  const tests = clauses.map((c) => clauseMatcher(c, rules));
  // Called for every run in memory: a plain loop, and the common one- and two-clause filters unrolled.
  const [a, b] = tests;
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return a!;
  if (tests.length === 2) return (run) => a!(run) && b!(run);
  return (run) => {
    for (const test of tests) if (!test(run)) return false;
    return true;
  };
}

function clauseMatcher(c: TClause, rules: TTextRules): TMatch {
  if (c.entity === "metric") {
    const compare = floatComparison(c.op, c.value as number);
    return (run) => {
      const summary = run.metrics[c.key];
      if (summary === undefined) return false;
      return compare(typeof summary.last === "number" ? summary.last : decodeFloat(summary.last));
    };
  }
  if (isFieldTag(c)) {
    const test = textComparison(c.op, c.value, rules);
    const field = FIELD_TAGS[c.key];
    return (run) => {
      const value = field === "userEmail" ? (run.user?.email ?? null) : run[field];
      return value !== null && test(value);
    };
  }
  if (c.entity === "param" || c.entity === "tag") {
    const test = textComparison(c.op, c.value as string, rules);
    const set = c.entity === "param" ? "params" : "tags";
    return (run) => {
      const value = run[set][c.key];
      return value !== undefined && test(value);
    };
  }
  const { value } = withStoredStatuses(c);
  const read = attributeValue(c.key);
  if (typeof value === "number") {
    const compare = floatComparison(c.op, value);
    return (run) => {
      const at = read(run) as number | null;
      return at !== null && compare(at);
    };
  }
  if (c.op === "IN" || c.op === "NOT IN") {
    const list = new Set(value as string[]);
    const isIn = c.op === "IN";
    return (run) => list.has(read(run) as string) === isIn;
  }
  const test = textComparison(c.op, value as string, rules);
  return (run) => test(read(run) as string);
}

// Each test as PostgreSQL's float8 order answers it, NaN above every number: the operand, a
// number the filter wrote, is never NaN.
const FLOAT_TESTS: Partial<Record<TClause["op"], (x: number) => (v: number) => boolean>> = {
  "=": (x) => (v) => v === x,
  "!=": (x) => (v) => v !== x,
  "<": (x) => (v) => v < x,
  "<=": (x) => (v) => v <= x,
  ">": (x) => (v) => v > x || Number.isNaN(v),
  ">=": (x) => (v) => v >= x || Number.isNaN(v),
};

function floatComparison(op: TClause["op"], operand: number): (value: number) => boolean {
  const test = FLOAT_TESTS[op];
  if (!test || Number.isNaN(operand)) throw new Error(`no float comparison '${op}' with ${operand}`);
  return test(operand);
}

function textComparison(op: TClause["op"], operand: string, rules: TTextRules): (value: string) => boolean {
  if (op === "=") return (value) => value === operand;
  if (op === "!=") return (value) => value !== operand;
  if (op === "LIKE") {
    const pattern = likePattern(operand);
    return (value) => isLike(value, pattern);
  }
  if (op === "ILIKE") {
    const pattern = likePattern(lowerText(operand, rules));
    return (value) => isLike(lowerText(value, rules), pattern);
  }
  throw new Error(`no text comparison '${op}'`);
}

/** A LIKE pattern's code points, read as PostgreSQL reads them: `%` any run, `_` any one, a backslash the next as itself. */
type TLikePattern = (string | typeof ANY_ONE | typeof ANY_RUN)[];
const ANY_ONE = 0;
const ANY_RUN = 1;

export function likePattern(pattern: string): TLikePattern {
  const out: TLikePattern = [];
  let isEscaped = false;
  for (const c of pattern) {
    if (isEscaped) {
      out.push(c);
      isEscaped = false;
    } else if (c === "\\") isEscaped = true;
    else if (c === "%") out.push(ANY_RUN);
    else if (c === "_") out.push(ANY_ONE);
    else out.push(c);
  }
  return out;
}

/**
 * Whether `text` matches, by code point. Greedy, going back only to the last `%`: at most
 * (text × pattern) steps whatever the pattern, where a regular expression could take
 * exponential time on the event loop.
 */
export function isLike(text: string, pattern: TLikePattern): boolean {
  const t = Array.from(text);
  let i = 0;
  let j = 0;
  let runAt = -1; // the last `%` seen, and where in the text it took over
  let runFrom = 0;
  while (i < t.length) {
    const p = pattern[j];
    if (p === ANY_RUN) {
      runAt = j++;
      runFrom = i;
    } else if (j < pattern.length && (p === ANY_ONE || p === t[i])) {
      i++;
      j++;
    } else if (runAt >= 0) {
      j = runAt + 1;
      i = ++runFrom;
    } else return false;
  }
  while (pattern[j] === ANY_RUN) j++;
  return j === pattern.length;
}
