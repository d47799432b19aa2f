import "server-only";
import { z } from "zod";
import { db } from "../../db";
import type { TDockerHostConnection, TEngineConnection } from "../../docker/docker-client";
import { describeProbeFailure } from "../../docker/describe-probe-failure";
import { engineGet, EngineProbeError, type TEngineLimits } from "../../docker/engine-get";

export type THostProbe =
  | {
      isOnline: true;
      engineVersion: string;
      cpus: number;
      memoryBytes: number;
      gpus: number;
      runtimes: string[];
      sshHostKey?: string;
    }
  | { isOnline: false; error: string; sshHostKey?: string };

export const PROBE_LIMITS: TEngineLimits = { connectMs: 3000, totalMs: 5000, maxBytes: 1024 * 1024 };

const ZVersion = z.object({ Version: z.string().trim().min(1).max(64) });
const ZInfo = z.object({
  NCPU: z.number().int().positive().max(1_000_000),
  MemTotal: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  Runtimes: z
    .record(z.string().max(200), z.unknown())
    .refine((r) => Object.keys(r).length <= 100)
    .nullish(),
  GenericResources: z
    .array(
      z
        .object({
          DiscreteResourceSpec: z
            .object({ Kind: z.string().max(200), Value: z.number().int().nonnegative().max(100_000) })
            .optional(),
        })
        .passthrough(),
    )
    .max(1000)
    .nullish(),
});

/** Reads the engine's version, CPUs, memory and NVIDIA GPUs; never throws, and never waits past the limits. */
export async function probeEngine(conn: TEngineConnection, limits: TEngineLimits = PROBE_LIMITS): Promise<THostProbe> {
  let sshHostKey: string | undefined;
  const onKey = (fingerprint: string) => (sshHostKey = fingerprint);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.totalMs);
  try {
    const [version, info] = await Promise.all([
      engineGet(conn, "/version", limits, controller.signal, onKey),
      engineGet(conn, "/info", limits, controller.signal, onKey),
    ]);
    const v = ZVersion.safeParse(version);
    if (!v.success) throw new EngineProbeError("The engine's /version answer is not valid");
    const i = ZInfo.safeParse(info);
    if (!i.success) throw new EngineProbeError("The engine's /info answer is not valid");
    const runtimes = Object.keys(i.data.Runtimes ?? {});
    const gpus = runtimes.includes("nvidia") ? countGpus(i.data.GenericResources ?? []) : 0;
    return {
      isOnline: true,
      engineVersion: v.data.Version,
      cpus: i.data.NCPU,
      memoryBytes: i.data.MemTotal,
      gpus,
      runtimes,
      ...(sshHostKey ? { sshHostKey } : {}),
    };
  } catch (error) {
    return { isOnline: false, error: describeProbeFailure(error, limits), ...(sshHostKey ? { sshHostKey } : {}) };
  } finally {
    clearTimeout(timer);
    // The other request, when one failed first, is torn down rather than left to finish.
    controller.abort();
  }
}

// The engine lists GPUs as generic resources when configured; otherwise the NVIDIA runtime
// being present is all we know, which counts as one.
function countGpus(resources: { DiscreteResourceSpec?: { Kind: string; Value: number } }[]): number {
  const count = resources
    .filter((r) => r.DiscreteResourceSpec?.Kind.toLowerCase().includes("gpu"))
    .reduce((n, r) => n + (r.DiscreteResourceSpec?.Value ?? 0), 0);
  return count || 1;
}

/** Probes a registered host and records what it found: the heartbeat and "Test connection". */
export async function probeHost(
  host: TDockerHostConnection,
  limits: TEngineLimits = PROBE_LIMITS,
): Promise<THostProbe> {
  const probe = await probeEngine(host, limits);
  if (probe.isOnline) {
    // Trust on first contact: the first key seen is pinned (which rebuilds the client to enforce it).
    const pinned = host.sshHostKey === null ? probe.sshHostKey : undefined;
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
    return pinned ? { ...probe, sshHostKey: pinned } : probe;
  }
  await db().computeHost.update({
    where: { id: host.id },
    data: { lastError: probe.error, updatedAt: host.updatedAt },
  });
  return probe;
}
