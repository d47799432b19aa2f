export type TTrafficDraft = {
  /** Percent per deployment, as typed. */
  weights: Record<string, string>;
  mirror: { deployment: string; percent: string };
};

export type TTrafficChange = { traffic: Record<string, number>; mirror_traffic: Record<string, number> };

const MAX_MIRROR_PERCENT = 50;

function percent(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return 0;
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value <= 100 ? value : null;
}

/**
 * The traffic editor's draft as `endpoints.update` takes it, or the first rule it breaks: the
 * server checks the same rules (Azure ML's), this only says so before the round trip.
 */
export function trafficChange(draft: TTrafficDraft): { change: TTrafficChange } | { error: string } {
  const traffic: Record<string, number> = {};
  for (const [name, text] of Object.entries(draft.weights)) {
    const value = percent(text);
    if (value === null) return { error: `The traffic of '${name}' must be a whole percent from 0 to 100` };
    traffic[name] = value;
  }
  const sum = Object.values(traffic).reduce((a, b) => a + b, 0);
  if (sum !== 0 && sum !== 100) return { error: `The percentages sum to ${sum}; they must sum to 0 or 100` };
  const mirrorPercent = draft.mirror.deployment ? percent(draft.mirror.percent) : 0;
  if (mirrorPercent === null) return { error: "The mirror percent must be a whole percent from 0 to 50" };
  if (mirrorPercent > MAX_MIRROR_PERCENT) return { error: `At most ${MAX_MIRROR_PERCENT} % may be mirrored` };
  const mirrored = draft.mirror.deployment;
  if (mirrored && mirrorPercent > 0 && (traffic[mirrored] ?? 0) > 0)
    return { error: `'${mirrored}' takes live traffic; a deployment is live or mirrored, not both` };
  return {
    change: { traffic, mirror_traffic: mirrored && mirrorPercent > 0 ? { [mirrored]: mirrorPercent } : {} },
  };
}

/** The editor's starting draft: every deployment listed, at 0 when the endpoint sends it nothing. */
export function trafficDraft(
  deployments: readonly string[],
  traffic: Record<string, number>,
  mirror: Record<string, number>,
): TTrafficDraft {
  const [mirrored] = Object.entries(mirror).filter(([, p]) => p > 0);
  return {
    weights: Object.fromEntries(deployments.map((name) => [name, String(traffic[name] ?? 0)])),
    mirror: { deployment: mirrored?.[0] ?? "", percent: String(mirrored?.[1] ?? 0) },
  };
}
