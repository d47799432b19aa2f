import "server-only";
import type Docker from "dockerode";
import { db } from "../../db";
import { dockerFor, seenSshHostKey, type TDockerHostConnection } from "../../docker/docker-client";

export type THostProbe =
  | { isOnline: true; engineVersion: string; cpus: number; memoryBytes: number; gpus: number; runtimes: string[]; sshHostKey?: string }
  | { isOnline: false; error: string };

const PROBE_TIMEOUT_MS = 5000;

/** Reads the engine's version, CPUs, memory and NVIDIA GPUs; never throws. */
export async function probeDocker(docker: Docker): Promise<THostProbe> {
  try {
    const [version, info] = await withTimeout(Promise.all([docker.version(), docker.info()]), PROBE_TIMEOUT_MS);
    const runtimes = Object.keys((info.Runtimes as Record<string, unknown> | undefined) ?? {});
    const gpus = runtimes.includes("nvidia") ? countGpus(info) : 0;
    return { isOnline: true, engineVersion: version.Version, cpus: info.NCPU, memoryBytes: info.MemTotal, gpus, runtimes };
  } catch (error) {
    return { isOnline: false, error: (error as Error).message || String(error) };
  }
}

// The engine lists GPUs as generic resources when configured; otherwise the NVIDIA runtime
// being present is all we know, which counts as one.
function countGpus(info: { GenericResources?: unknown }): number {
  const resources = (info.GenericResources as { DiscreteResourceSpec?: { Kind: string; Value: number } }[] | null) ?? [];
  const count = resources.filter((r) => r.DiscreteResourceSpec?.Kind?.toLowerCase().includes("gpu")).reduce((n, r) => n + (r.DiscreteResourceSpec?.Value ?? 0), 0);
  return count || 1;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No answer within ${ms / 1000} s`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** Probes a registered host and records what it found: the heartbeat and "Test connection". */
export async function probeHost(host: TDockerHostConnection): Promise<THostProbe> {
  const probe = await probeDocker(dockerFor(host));
  if (probe.isOnline) {
    // Trust on first contact: the first key seen is pinned (which rebuilds the client to enforce it).
    const pinned = host.sshHostKey === null ? seenSshHostKey(host.id) : undefined;
    await db().computeHost.update({
      where: { id: host.id },
      data: {
        state: "Online",
        lastSeenAt: new Date(),
        lastError: null,
        engineVersion: probe.engineVersion,
        cpus: probe.cpus,
        memoryBytes: BigInt(probe.memoryBytes),
        gpus: probe.gpus,
        ...(pinned ? { sshHostKey: pinned } : { updatedAt: host.updatedAt }),
      },
    });
    if (pinned) return { ...probe, sshHostKey: pinned };
  } else {
    await db().computeHost.update({ where: { id: host.id }, data: { lastError: probe.error, updatedAt: host.updatedAt } });
  }
  return probe;
}
