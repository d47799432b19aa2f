import { AppError } from "../../errors";
import type { TTrafficMap } from "./endpoint-input";

const MAX_MIRROR_PERCENT = 50;

/**
 * Azure ML's rules: live traffic sums to 0 or 100 over existing deployments; at most one mirror
 * deployment, at most 50 %, that takes no live traffic.
 */
export function assertTraffic(traffic: TTrafficMap, mirror: TTrafficMap, deployments: readonly string[]): void {
  const known = new Set(deployments);
  for (const name of [...Object.keys(traffic), ...Object.keys(mirror)])
    if (!known.has(name)) throw new AppError("BAD_REQUEST", `traffic: no deployment named '${name}' in this endpoint`);
  const sum = Object.values(traffic).reduce((a, b) => a + b, 0);
  if (sum !== 0 && sum !== 100)
    throw new AppError("BAD_REQUEST", `traffic: the percentages sum to ${sum}; they must sum to 0 or 100`);
  const mirrored = Object.entries(mirror).filter(([, percent]) => percent > 0);
  if (mirrored.length > 1) throw new AppError("BAD_REQUEST", "mirror_traffic: at most one deployment may be mirrored");
  const [target] = mirrored;
  if (!target) return;
  if (target[1] > MAX_MIRROR_PERCENT)
    throw new AppError("BAD_REQUEST", `mirror_traffic: at most ${MAX_MIRROR_PERCENT} % may be mirrored`);
  if ((traffic[target[0]] ?? 0) > 0)
    throw new AppError(
      "BAD_REQUEST",
      `mirror_traffic: '${target[0]}' takes live traffic; a deployment is live or mirrored, not both`,
    );
}
