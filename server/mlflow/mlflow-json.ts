// MLflow's Python client writes NaN and ±Infinity as bare JSON tokens (json.dumps allows them),
// and its server answers the same way; JSON.parse and JSON.stringify know neither.

const BARE_TOKENS = ["-Infinity", "Infinity", "NaN"] as const;

/** JSON with bare NaN and ±Infinity read as the strings "NaN", "Infinity", "-Infinity"; text inside strings is left as it is. */
export function parseMlflowJson(text: string): unknown {
  if (!text.trim()) return {};
  let out = "";
  let copiedTo = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isInString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) isInString = false;
      continue;
    }
    if (c === 0x22) {
      isInString = true;
      continue;
    }
    const token = c === 0x2d || c === 0x49 || c === 0x4e ? BARE_TOKENS.find((t) => text.startsWith(t, i)) : undefined;
    if (token) {
      out += `${text.slice(copiedTo, i)}"${token}"`;
      i += token.length - 1;
      copiedTo = i + 1;
    }
  }
  return JSON.parse(out + text.slice(copiedTo));
}

const MARK = "__crucible_nonfinite__:";
const MARKED = new RegExp(`"${MARK}(NaN|Infinity|-Infinity)"`, "g");

export function stringifyMlflowJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v) => (typeof v === "number" && !Number.isFinite(v) ? `${MARK}${v}` : v));
  return text.replace(MARKED, "$1");
}
