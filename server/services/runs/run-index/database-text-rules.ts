import "server-only";
import { pgPool } from "../../../db";

/**
 * How the database compares text, where a search kept in memory must give the same answers: the
 * order of `ORDER BY` and what `ILIKE` takes as the same letter. Known for the locales that sort
 * by code point; any other (a libc or ICU language locale) leaves searches to SQL.
 */
export type TTextRules = { lowerCase: "unicode" | "ascii" };

let known: Promise<TTextRules | null> | null = null;

/** The database's text rules, read once per process; null when searches must stay in SQL. */
export function databaseTextRules(): Promise<TTextRules | null> {
  // Through to_jsonb: datlocprovider came with PostgreSQL 15 and datlocale with 17 (libc before).
  known ??= pgPool()
    .query<{ provider: string; collate: string | null; ctype: string | null; locale: string | null }>(
      `SELECT coalesce(to_jsonb(d)->>'datlocprovider', 'c') AS "provider", d.datcollate AS "collate",
         d.datctype AS "ctype", to_jsonb(d)->>'datlocale' AS "locale"
       FROM pg_database d WHERE d.datname = current_database()`,
    )
    .then(({ rows }) => (rows[0] ? textRulesOf(rows[0]) : null))
    .catch((error: unknown) => {
      known = null; // asked again next time
      throw error;
    });
  return known;
}

const isC = (name: string | null) => name === "C" || name === "POSIX";
const isCUtf8 = (name: string | null) => /^C\.(UTF-?8|utf-?8)$/.test(name ?? "");

/**
 * PostgreSQL's builtin provider and the C library's C and C.UTF-8 locales compare text by code
 * point (glibc's C.UTF-8 since 2.35). Their lower case: ASCII letters only under C, Unicode's
 * simple mappings under C.UTF-8.
 */
export function textRulesOf(db: {
  provider: string;
  collate: string | null;
  ctype: string | null;
  locale: string | null;
}): TTextRules | null {
  if (db.provider === "b") {
    if (isC(db.locale)) return { lowerCase: "ascii" };
    if (isCUtf8(db.locale)) return { lowerCase: "unicode" };
    return null;
  }
  if (db.provider !== "c" || !(isC(db.collate) || isCUtf8(db.collate))) return null;
  if (isC(db.ctype)) return { lowerCase: "ascii" };
  if (isCUtf8(db.ctype)) return { lowerCase: "unicode" };
  return null;
}

/** Compares as PostgreSQL does under these locales: by code point (UTF-16 units order surrogates wrongly). */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Below the surrogates, code units and code points agree; from there, a surrogate (an astral
    // code point) sorts after every other unit.
    if (x < 0xd800 && y < 0xd800) return x - y;
    const px = x >= 0xd800 && x <= 0xdfff ? x + 0x10000 : x;
    const py = y >= 0xd800 && y <= 0xdfff ? y + 0x10000 : y;
    return px - py;
  }
  return a.length - b.length;
}

// The one letter whose full lower case (what String#toLowerCase gives) is two code points.
const DOTTED_CAPITAL_I = "\u0130";

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Lower case as the database's `lower()` gives it, which `ILIKE` compares. */
export function lowerText(text: string, rules: TTextRules): string {
  if (rules.lowerCase === "ascii" || isAscii(text)) {
    return rules.lowerCase === "ascii" ? text.replace(/[A-Z]+/g, (s) => s.toLowerCase()) : text.toLowerCase();
  }
  // One code point at a time: Unicode's simple mappings, without the final sigma's context.
  let out = "";
  for (const c of text) out += c === DOTTED_CAPITAL_I ? "i" : c.toLowerCase();
  return out;
}
