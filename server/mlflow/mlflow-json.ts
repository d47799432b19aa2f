// MLflow's Python client writes NaN and ±Infinity as bare JSON tokens (json.dumps allows them),
// and its server answers the same way; JSON.parse and JSON.stringify know neither.

const BARE = /([:[,]\s*)(-?Infinity|NaN)(?=\s*[,\]}])/g;

export function parseMlflowJson(text: string): unknown {
  if (!text.trim()) return {};
  return JSON.parse(text.replace(BARE, '$1"$2"'));
}

const MARK = "__crucible_nonfinite__:";

export function stringifyMlflowJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v) => (typeof v === "number" && !Number.isFinite(v) ? `${MARK}${v}` : v));
  return text.replace(new RegExp(`"${MARK}(NaN|Infinity|-Infinity)"`, "g"), "$1");
}
