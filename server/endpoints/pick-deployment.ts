import type { TTrafficMap } from "../services/endpoints/endpoint-input";

/**
 * A weighted random choice over the deployments with traffic, among those `isServing` accepts:
 * the weights of the rest are shared out in proportion. Null when none is left.
 */
export function pickDeployment(
  traffic: TTrafficMap,
  isServing: (name: string) => boolean,
  random: number = Math.random(),
): string | null {
  const candidates = Object.entries(traffic).filter(([name, weight]) => weight > 0 && isServing(name));
  const total = candidates.reduce((sum, [, weight]) => sum + weight, 0);
  if (total === 0) return null;
  let point = random * total;
  for (const [name, weight] of candidates) {
    point -= weight;
    if (point < 0) return name;
  }
  return candidates.at(-1)![0];
}
