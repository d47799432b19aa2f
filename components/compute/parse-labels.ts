/** "gpu=a100, zone=lab" → { gpu: "a100", zone: "lab" }, or the first malformed part. */
export function parseLabels(text: string): { labels: Record<string, string>; error: string | null } {
  const labels: Record<string, string> = {};
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf("=");
    if (eq <= 0) return { labels, error: `'${part}' is not key=value` };
    labels[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return { labels, error: null };
}
