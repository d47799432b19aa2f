import { env } from "../../env";
import { db } from "../../db";
import { probeEngine } from "./probe-host";

export const LOCAL_HOST_NAME = "local";

/**
 * The studio machine's own Docker engine as the site's host "local", shared with the first
 * workspace only, when an engine answers and no host has that name: zero-config compute for a
 * first start. Network mode none: a job on it reaches nothing, the studio included.
 */
export async function ensureLocalHost(workspaceId: string): Promise<boolean> {
  const endpoint = env().CRUCIBLE_LOCAL_DOCKER;
  if (await db().computeHost.findUnique({ where: { name: LOCAL_HOST_NAME } })) return false;
  const probe = await probeEngine({
    endpoint,
    tlsCa: null,
    tlsCert: null,
    tlsKeyEncrypted: null,
    sshKeyEncrypted: null,
    sshHostKey: null,
  });
  if (!probe.isOnline) return false;
  await db().computeHost.create({
    data: {
      name: LOCAL_HOST_NAME,
      endpoint,
      labels: { local: "true" },
      maxConcurrentRuns: Math.max(2, probe.cpus),
      networkMode: "none",
      state: "Online",
      lastSeenAt: new Date(),
      engineVersion: probe.engineVersion,
      cpus: probe.cpus,
      memoryBytes: BigInt(probe.memoryBytes),
      gpus: probe.gpus,
      shares: { create: { workspaceId } },
    },
  });
  return true;
}
