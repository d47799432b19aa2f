import { AppError } from "../../errors";

/**
 * MLflow's search filters, shared by runs, experiments and the model registry: clauses joined by
 * AND, each `<identifier> <op> <value>`, e.g. `metrics.acc > 0.9 and tags.model = 'cnn'`. Keys with
 * other characters go in backticks or double quotes: metrics.`f1-score` >= 0.8. Each grammar says
 * which identifiers, operators and values it takes; this reads them and words the errors.
 */
export type TFilterOp = ">" | ">=" | "<" | "<=" | "=" | "!=" | "LIKE" | "ILIKE" | "IN" | "NOT IN";
export type TFilterToken = { type: "word" | "quoted" | "number" | "op" | "punct"; text: string; pos: number };
/** `prefix.key`, or a bare `key` (prefix null); the prefix is lowercase. */
export type TFilterIdentifier = { prefix: string | null; key: string; token: TFilterToken };

const TOKEN =
  /\s*(?:(`[^`]*`|"[^"]*"|'(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w.]))|(>=|<=|!=|<>|=|>|<)|([(),])|([A-Za-z_][\w.\-/]*))/y;

/** The filter's tokens, read left to right by one sticky regex whose branches cannot backtrack into each other. */
export function tokenizeFilter(input: string, label = "filter"): TFilterToken[] {
  const tokens: TFilterToken[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < input.length) {
    const pos = TOKEN.lastIndex;
    const m = TOKEN.exec(input);
    if (!m) {
      if (/^\s*$/.test(input.slice(pos))) break;
      throw new AppError(
        "BAD_REQUEST",
        `Invalid ${label}: unexpected '${input.slice(pos).trim().slice(0, 20)}' at position ${pos + 1}`,
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

/** One filter's tokens, read clause by clause. */
export class FilterReader {
  private i = 0;

  constructor(
    private readonly tokens: readonly TFilterToken[],
    private readonly label: string,
  ) {}

  fail(what: string, t?: TFilterToken): never {
    throw new AppError(
      "BAD_REQUEST",
      `Invalid ${this.label}: ${what}${t ? ` at position ${t.pos + 1} ('${t.text}')` : " at the end"}`,
    );
  }

  private next(what: string): TFilterToken {
    return this.tokens[this.i++] ?? this.fail(what);
  }

  identifier(): TFilterIdentifier {
    const token = this.next("expected an identifier");
    if (token.type === "word" && token.text.includes(".")) {
      const dot = token.text.indexOf(".");
      const prefix = token.text.slice(0, dot).toLowerCase();
      let key = token.text.slice(dot + 1);
      if (key === "") {
        const quoted = this.tokens[this.i++];
        if (quoted?.type !== "quoted") this.fail(`expected a key after '${prefix}.'`, quoted);
        key = unquote(quoted.text);
      }
      return { prefix, key, token };
    }
    if (token.type === "word") return { prefix: null, key: token.text, token };
    // A backticked or double-quoted name; single quotes are for values.
    if (token.type === "quoted" && !token.text.startsWith("'"))
      return { prefix: null, key: unquote(token.text), token };
    return this.fail("expected an identifier", token);
  }

  operator(): { op: TFilterOp; token: TFilterToken } {
    const token = this.next("expected a comparison operator");
    if (token.type === "op") return { op: token.text as TFilterOp, token };
    if (token.type === "word" && /^(like|ilike|in)$/i.test(token.text))
      return { op: token.text.toUpperCase() as TFilterOp, token };
    if (token.type === "word" && /^not$/i.test(token.text) && /^in$/i.test(this.tokens[this.i]?.text ?? "")) {
      this.i++;
      return { op: "NOT IN", token };
    }
    return this.fail("expected a comparison operator", token);
  }

  /** The value after a comparison: a number or a quoted string's token, as the grammar checks it. */
  value(): TFilterToken {
    return this.next("expected a value");
  }

  /** `('a', 'b', 3)` after IN, as strings. */
  list(): string[] {
    const open = this.tokens[this.i++];
    if (open?.text !== "(") this.fail("expected '(' after IN", open);
    const list: string[] = [];
    while (true) {
      const t = this.next("unclosed '('");
      if (t.type !== "quoted" && t.type !== "number") this.fail("expected a value in the list", t);
      list.push(t.type === "quoted" ? unquote(t.text) : t.text);
      const separator = this.next("unclosed '('");
      if (separator.text === ")") return list;
      if (separator.text !== ",") this.fail("expected ',' or ')'", separator);
    }
  }

  /** Every clause `readClause` reads, with AND between them and nothing after the last. */
  clauses<T>(readClause: (reader: this) => T): T[] {
    const clauses: T[] = [];
    while (this.i < this.tokens.length) {
      clauses.push(readClause(this));
      if (this.i < this.tokens.length) {
        const and = this.tokens[this.i++]!;
        if (and.type !== "word" || and.text.toLowerCase() !== "and")
          this.fail("expected AND between conditions (OR is not supported)", and);
        if (this.i >= this.tokens.length) this.fail("expected a condition after AND");
      }
    }
    return clauses;
  }
}

/** The clauses of `input` in the grammar `readClause` reads; `label` names the filter in errors. */
export function readFilter<T>(input: string, label: string, readClause: (reader: FilterReader) => T): T[] {
  return new FilterReader(tokenizeFilter(input, label), label).clauses(readClause);
}
