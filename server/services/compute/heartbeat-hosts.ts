import "server-only";
import { db } from "../../db";
import type { TEngineLimits } from "../../docker/engine-get";
import { env } from "../../env";
import { PROBE_LIMITS, probeHost } from "./probe-host";

/**
 * Probes every host (those shared with `workspaceIds`, or all) at once, each under its own
 * limits, then marks Offline those that have not answered within the window. One host's failure,
 * of whatever kind, is logged and never stops or delays the others.
 */
export async function heartbeatHosts(
  workspaceIds: string[] | null,
  limits: TEngineLimits = PROBE_LIMITS,
): Promise<void> {
  const scope = workspaceIds ? { shares: { some: { workspaceId: { in: workspaceIds } } } } : {};
  const hosts = await db().computeHost.findMany({ where: scope });
  const results = await Promise.allSettled(hosts.map((host) => probeHost(host, limits)));
  results.forEach((result, i) => {
    if (result.status === "rejected")
      console.error(
        `host ${hosts[i]!.name}: probe not recorded: ${(result.reason as Error)?.message ?? result.reason}`,
      );
  });
  const offlineAfter = new Date(Date.now() - env().CRUCIBLE_HOST_OFFLINE_S * 1000);
  await db().computeHost.updateMany({
    where: { ...scope, state: "Online", OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: offlineAfter } }] },
    data: { state: "Offline" },
  });
}
