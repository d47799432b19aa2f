import { createDockerClient } from "../../docker/docker-client";
import { env } from "../../env";
import { db } from "../../db";
import { probeDocker } from "./probe-host";

export const LOCAL_HOST_NAME = "local";

/**
 * The studio machine's own Docker engine as host "local" of a workspace, when an engine answers
 * there and the workspace has no host of that name: zero-config compute for a first start.
 */
export async function ensureLocalHost(workspaceId: string): Promise<boolean> {
  const endpoint = env().CRUCIBLE_LOCAL_DOCKER;
  if (await db().computeHost.findFirst({ where: { workspaceId, name: LOCAL_HOST_NAME } })) return false;
  const probe = await probeDocker(createDockerClient({ endpoint, tlsCa: null, tlsCert: null, tlsKeyEncrypted: null, sshKeyEncrypted: null, sshHostKey: null }));
  if (!probe.isOnline) return false;
  await db().computeHost.create({
    data: { workspaceId, name: LOCAL_HOST_NAME, endpoint, labels: { local: "true" }, maxConcurrentRuns: Math.max(2, probe.cpus), networkMode: "host", state: "Online", lastSeenAt: new Date(), engineVersion: probe.engineVersion, cpus: probe.cpus, memoryBytes: BigInt(probe.memoryBytes), gpus: probe.gpus },
  });
  return true;
}
