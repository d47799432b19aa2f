import "server-only";
import path from "node:path";
import type Docker from "dockerode";
import { Client } from "pg";
import { notifyEndpointsChanged } from "../../database/notifications";
import { db } from "../../db";
import { dockerFor } from "../../docker/docker-client";
import { env } from "../../env";
import { isForeignKeyViolation, isRecordNotFound } from "../../errors";
import { fitsCapacity, hostReservations } from "../../services/compute/host-reservations";
import type { ComputeHost, EndpointInstance, Prisma } from "../../generated/prisma/client";
import { environmentHash, ZEnvironmentSpec, type TEnvironmentSpec } from "../../services/environments/environment-spec";
import type { TProbes, TProbeSpec } from "../../services/endpoints/endpoint-input";
import type { TStoredCode } from "../../services/endpoints/endpoint-views";
import { probeSocket } from "../../endpoints/probe-socket";
import { DeploymentImageBuilds } from "./deployment-image-builds";
import { instanceImage, removeInstanceContainer, startInstanceContainer } from "./instance-container";
import { describeRequest, instanceLimits } from "./instance-limits";
import { socketDirFor } from "./instance-paths";
import { closeInstanceTunnelsExcept, hasInstanceTunnel, isLocalEngine, openInstanceTunnel } from "./instance-tunnel";
import { sampleInstanceStats } from "./sample-instance-stats";
import { DockerLogFrameParser } from "../docker-log-frames";
import { randomBytes } from "node:crypto";

const DEPLOYMENT_INCLUDE = {
  endpoint: { select: { workspaceId: true, name: true } },
  environmentVersion: { select: { spec: true } },
  instances: { orderBy: { startedAt: "asc" } },
} as const satisfies Prisma.OnlineDeploymentInclude;
type TDeployment = Prisma.OnlineDeploymentGetPayload<{ include: typeof DEPLOYMENT_INCLUDE }>;

// One reconciler at a time across the workers serving the same workspaces, by a session lock on
// its own connection; workers dedicated to other workspaces reconcile theirs beside it.
const LOCK_KEY = "crucible.endpoint-reconciler";
/** How often each running instance's CPU and memory is sampled. */
export const INSTANCE_STATS_MS = 10_000;

/**
 * Brings every online deployment to `instanceCount` ready instances of its current generation.
 * A rolling update starts one new instance, waits until it is ready, and only then takes one old
 * instance out of the rotation, drains it and removes it. Instances are probed through their
 * sockets with the deployment's probe settings: failed readiness takes one out of the rotation,
 * failed liveness (or a container that exited) replaces it; one that never gets ready within the
 * probe window fails the deployment with the scoring server's error. An environment whose image
 * a host lacks is built there first, as jobs build it.
 */
export class EndpointReconciler {
  /** `workspaceIds`: the worker's (CRUCIBLE_WORKER_WORKSPACES); null reconciles every workspace's deployments. */
  constructor(private readonly workspaceIds: string[] | null = null) {}

  private lock: Client | null = null;
  private readonly lastProbe = new Map<string, number>();
  private readonly livenessFailures = new Map<string, number>();
  private readonly draining = new Map<string, Promise<void>>();
  private readonly starting = new Set<string>();
  private readonly builds = new DeploymentImageBuilds();
  private lastSampleAt = 0;
  private sampling: Promise<unknown> = Promise.resolve();
  private isSampling = false;

  async stop(): Promise<void> {
    await Promise.allSettled([...this.draining.values(), this.sampling, this.builds.stop()]);
    closeInstanceTunnelsExcept(new Set());
    await this.lock?.end().catch(() => undefined);
    this.lock = null;
  }

  /** One pass; returns quickly. Call it often (it probes only what is due). */
  async tick(): Promise<void> {
    if (!(await this.holdsLock())) return;
    const deployments = await db().onlineDeployment.findMany({
      where: this.workspaceIds ? { endpoint: { workspaceId: { in: this.workspaceIds } } } : {},
      include: DEPLOYMENT_INCLUDE,
    });
    this.builds.abortStale(new Map(deployments.map((d) => [d.id, d.state === "Failed" ? null : specHash(d)])));
    closeInstanceTunnelsExcept(new Set(deployments.flatMap((d) => d.instances.map((i) => i.id))));
    const hosts = await db().computeHost.findMany();
    const dockers = new Map(hosts.map((h) => [h.id, dockerFor(h)]));
    let isChanged = false;
    for (const deployment of deployments) {
      try {
        if (await this.reconcile(deployment, dockers)) isChanged = true;
      } catch (error) {
        // A deployment deleted during its pass has nothing left to reconcile.
        if (!isRecordNotFound(error))
          console.error(`endpoint deployment ${deployment.id}: ${(error as Error).message}`);
      }
    }
    if (isChanged) await notifyEndpointsChanged();
    // Beside the pass, not in it: a stats read takes Docker about a second per container.
    if (!this.isSampling && Date.now() - this.lastSampleAt >= INSTANCE_STATS_MS) {
      this.lastSampleAt = Date.now();
      this.isSampling = true;
      this.sampling = sampleInstanceStats(dockers, this.workspaceIds)
        .catch((error) => console.error(`endpoint instance stats: ${(error as Error).message}`))
        .finally(() => {
          this.isSampling = false;
        });
    }
  }

  private async holdsLock(): Promise<boolean> {
    if (this.lock) return true;
    const client = new Client({ connectionString: env().DATABASE_URL, application_name: "crucible-endpoints" });
    client.on("error", () => {
      if (this.lock === client) this.lock = null;
    });
    try {
      await client.connect();
      const scope = this.workspaceIds ? [...this.workspaceIds].sort().join(",") : "*";
      const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS ok", [
        `${LOCK_KEY}:${scope}`,
      ]);
      if (rows[0]?.ok) {
        this.lock = client;
        return true;
      }
    } catch {
      // Another try next pass.
    }
    await client.end().catch(() => undefined);
    return false;
  }

  /** Returns whether anything the router reads changed. */
  private async reconcile(d: TDeployment, dockers: Map<string, Docker>): Promise<boolean> {
    const probes = d.probes as TProbes;
    let isChanged = false;
    const live = d.instances.filter((i) => !this.draining.has(i.id));
    for (const instance of live) if (await this.check(d, instance, probes, dockers)) isChanged = true;
    const alive = live.filter((i) => i.state !== "Failed");
    const current = alive.filter((i) => i.generation === d.generation);
    const old = alive.filter((i) => i.generation !== d.generation);
    const readyCurrent = current.filter((i) => i.state === "Ready");
    const isStarting = current.some((i) => i.state === "Starting");

    if (old.length > 0 && readyCurrent.length > 0 && current.length + old.length > d.instanceCount) {
      // Unready old instances go first: they serve nothing anyway.
      const victim = old.find((i) => i.state !== "Ready") ?? old[0]!;
      this.drain(d, victim, dockers);
      isChanged = true;
    } else if (!isStarting && current.length < d.instanceCount && d.state !== "Failed") {
      await this.startOne(d, dockers);
    } else if (old.length === 0 && current.length > d.instanceCount) {
      const victim = [...current].reverse().find((i) => i.state !== "Ready") ?? current.at(-1)!;
      this.drain(d, victim, dockers);
      isChanged = true;
    }

    const state =
      d.state === "Failed"
        ? "Failed"
        : readyCurrent.length >= d.instanceCount && old.length === 0
          ? "Ready"
          : d.state === "Creating" && !d.instances.some((i) => i.readyAt)
            ? "Creating"
            : old.length > 0 || d.state === "Updating"
              ? "Updating"
              : "Unhealthy";
    if (state !== d.state) {
      await db().onlineDeployment.update({
        where: { id: d.id },
        data: { state, ...(state === "Ready" ? { error: null, message: null } : {}) },
      });
      isChanged = true;
    }
    return isChanged;
  }

  /** Probes an instance if due and records what changed; returns whether its rotation state changed. */
  private async check(
    d: TDeployment,
    instance: EndpointInstance,
    probes: TProbes,
    dockers: Map<string, Docker>,
  ): Promise<boolean> {
    if (instance.state === "Failed") {
      await this.remove(instance, dockers);
      return false;
    }
    const now = Date.now();
    const age = now - instance.startedAt.getTime();
    const period = (instance.state === "Ready" ? probes.liveness : probes.readiness).period * 1000;
    if (now - (this.lastProbe.get(instance.id) ?? 0) < period) return false;
    this.lastProbe.set(instance.id, now);
    const socketPath = path.join(socketDirFor(instance.id), "score.sock");
    const docker = instance.hostId ? dockers.get(instance.hostId) : undefined;
    const running = docker && instance.containerId ? await containerRunning(docker, instance.containerId) : "gone";
    if (running === "unknown") return false;
    if (running !== "running") {
      const logs = docker && instance.containerId ? await tail(docker, instance.containerId) : "";
      return this.fail(d, instance, `The container exited${logs ? `: ${logs}` : ""}`, instance.state !== "Ready");
    }
    // An instance on another machine, started before this process: its tunnel, again.
    if (docker && instance.containerId && !isLocalEngine(docker) && !hasInstanceTunnel(instance.id))
      await openInstanceTunnel(docker, instance.id, instance.containerId);
    if (age >= probes.liveness.initial_delay * 1000) {
      const liveness = await probeSocket(socketPath, "/health/live", probes.liveness.timeout * 1000);
      const failures = liveness.isOk ? 0 : (this.livenessFailures.get(instance.id) ?? 0) + 1;
      this.livenessFailures.set(instance.id, failures);
      if (failures >= probes.liveness.failure_threshold)
        return this.fail(d, instance, `Liveness probe failed ${failures} times: ${liveness.detail}`, false);
    }
    if (age < probes.readiness.initial_delay * 1000) return false;
    const readiness = await probeSocket(socketPath, "/health/ready", probes.readiness.timeout * 1000);
    if (readiness.isOk) {
      if (instance.state === "Ready" && instance.failures === 0) return false;
      await db().endpointInstance.update({
        where: { id: instance.id },
        data: { state: "Ready", failures: 0, lastError: null, readyAt: instance.readyAt ?? new Date() },
      });
      return instance.state !== "Ready";
    }
    const failures = instance.failures + 1;
    if (instance.state === "Starting" && age > window(probes.readiness))
      return this.fail(
        d,
        instance,
        `Not ready within ${Math.round(window(probes.readiness) / 1000)} s: ${readiness.detail}`,
        true,
      );
    const state =
      instance.state === "Starting"
        ? "Starting"
        : failures >= probes.readiness.failure_threshold
          ? "Unready"
          : instance.state;
    await db().endpointInstance.update({
      where: { id: instance.id },
      data: { failures, state, lastError: readiness.detail },
    });
    return state !== instance.state;
  }

  /**
   * An instance that crashed or stopped answering: removed, and replaced on the next pass; one
   * that never got ready fails its deployment's generation, so a broken init() is not retried forever.
   */
  private async fail(
    d: TDeployment,
    instance: EndpointInstance,
    message: string,
    isStartup: boolean,
  ): Promise<boolean> {
    await db().endpointInstance.update({ where: { id: instance.id }, data: { state: "Failed", lastError: message } });
    await db().onlineDeployment.update({
      where: { id: d.id },
      data: {
        error: message.slice(0, 4000),
        ...(isStartup && instance.generation === d.generation ? { state: "Failed" } : {}),
      },
    });
    return true;
  }

  private async remove(instance: EndpointInstance, dockers: Map<string, Docker>): Promise<void> {
    const docker = instance.hostId ? (dockers.get(instance.hostId) ?? null) : null;
    await removeInstanceContainer(docker, instance.id, instance.containerId);
    await db().endpointInstance.deleteMany({ where: { id: instance.id } });
    this.lastProbe.delete(instance.id);
    this.livenessFailures.delete(instance.id);
  }

  /**
   * Out of the rotation at once (routers hear the notice), removed once requests already sent to
   * it have had their timeout to finish.
   */
  private drain(d: TDeployment, instance: EndpointInstance, dockers: Map<string, Docker>): void {
    const wait = Math.min(d.requestTimeoutMs, 30_000) + 500;
    const task = (async () => {
      await db().endpointInstance.update({ where: { id: instance.id }, data: { state: "Unready" } });
      await notifyEndpointsChanged();
      await new Promise((r) => setTimeout(r, wait));
      await this.remove(instance, dockers);
    })()
      .catch((error) => console.error(`endpoint instance ${instance.id}: ${(error as Error).message}`))
      .finally(() => this.draining.delete(instance.id));
    this.draining.set(instance.id, task);
  }

  private async startOne(d: TDeployment, dockers: Map<string, Docker>): Promise<void> {
    if (this.starting.has(d.id) || this.builds.isBuilding(d.id)) return;
    this.starting.add(d.id);
    try {
      let placed: Awaited<ReturnType<typeof placeInstance>>;
      try {
        placed = await placeInstance(d, ZEnvironmentSpec.parse(d.environmentVersion.spec), dockers);
      } catch (error) {
        const message = `Could not start an instance: ${(error as Error).message}`;
        await db().onlineDeployment.update({ where: { id: d.id }, data: { state: "Failed", error: message } });
        return;
      }
      if ("waiting" in placed) {
        if (d.error !== placed.waiting)
          await db().onlineDeployment.update({ where: { id: d.id }, data: { error: placed.waiting } });
        return;
      }
      const { host, docker, image } = placed;
      if (!image) {
        this.builds.start({ deployment: d, host, docker, spec: placed.spec });
        return;
      }
      const id = randomBytes(12).toString("hex");
      // Taken under the placement lock, with the host's room checked again: a job placed since
      // may have taken it, and then the next pass places the instance anew.
      const instance = await db()
        .$transaction(async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('crucible.placement'))`;
          const held = (await hostReservations(tx, [host.id])).get(host.id)!;
          if (!fitsCapacity(host, held, d)) return null;
          return tx.endpointInstance.create({
            data: { id, deploymentId: d.id, generation: d.generation, hostId: host.id, socketDir: socketDirFor(id) },
          });
        })
        .catch((error: unknown) => {
          if (isForeignKeyViolation(error)) return null;
          throw error;
        });
      // The deployment was deleted, or the host filled, meanwhile.
      if (!instance) return;
      try {
        const containerId = await startInstanceContainer(docker, {
          instanceId: instance.id,
          deploymentName: d.name,
          image,
          model: { workspaceId: d.endpoint.workspaceId, versionId: d.modelVersionId },
          code: d.code as TStoredCode | null,
          limits: instanceLimits(d, host),
        });
        await db().endpointInstance.update({
          where: { id: instance.id },
          data: { containerId, startedAt: new Date() },
        });
      } catch (error) {
        const message = `Could not start an instance: ${(error as Error).message}`;
        // updateMany: the deployment (and with it the instance) may have been deleted meanwhile.
        await db().endpointInstance.updateMany({
          where: { id: instance.id },
          data: { state: "Failed", lastError: message },
        });
        await db().onlineDeployment.updateMany({ where: { id: d.id }, data: { state: "Failed", error: message } });
      }
    } finally {
      this.starting.delete(d.id);
    }
  }
}

/** Readiness may fail this long after the initial delay before a new instance counts as broken. */
function window(probe: TProbeSpec): number {
  return (probe.initial_delay + probe.period * probe.failure_threshold) * 1000;
}

/**
 * A host for one more instance: shared with the workspace, online, and with room for the
 * deployment's CPU and memory beside the host's jobs and instances (one capacity for both); of
 * those, the one holding the least CPU that has the environment's image, else the one holding the
 * least, where the image is to be built. `waiting` says why no host will do for now.
 */
async function placeInstance(d: TDeployment, spec: TEnvironmentSpec, dockers: Map<string, Docker>) {
  const hosts = await db().computeHost.findMany({
    where: { state: "Online", isDraining: false, shares: { some: { workspaceId: d.endpoint.workspaceId } } },
  });
  if (hosts.length === 0) return { waiting: "No online Docker host is shared with this workspace" };
  const held = await hostReservations(
    db(),
    hosts.map((h) => h.id),
  );
  const roomy = hosts
    .filter((h) => fitsCapacity(h, held.get(h.id)!, d))
    .sort((a, b) => held.get(a.id)!.cpu - held.get(b.id)!.cpu || a.name.localeCompare(b.name));
  if (roomy.length === 0)
    return {
      waiting: `No shared host has room for another instance (${describeRequest(d)}) beside its jobs and instances; waiting for room`,
    };
  const on = (host: ComputeHost) => ({ host, docker: dockers.get(host.id) ?? dockerFor(host), spec });
  for (const host of roomy) {
    const image = await instanceImage(on(host).docker, spec);
    if (image) return { ...on(host), image };
  }
  return { ...on(roomy[0]!), image: null };
}

function specHash(d: TDeployment): string | null {
  const spec = ZEnvironmentSpec.safeParse(d.environmentVersion.spec);
  return spec.success ? environmentHash(spec.data) : null;
}

async function tail(docker: Docker, containerId: string): Promise<string> {
  const raw = await docker
    .getContainer(containerId)
    .logs({ stdout: true, stderr: true, tail: 20, timestamps: true })
    .catch(() => null);
  if (!raw) return "";
  const frames = new DockerLogFrameParser().push(raw as unknown as Buffer);
  return frames
    .map((f) => f.text)
    .join("")
    .trim()
    .slice(-2000);
}

/**
 * Whether the engine says the container runs. An engine that does not answer (busy, restarting)
 * says nothing about the container: the next probe asks again rather than replacing a healthy instance.
 */
async function containerRunning(docker: Docker, containerId: string): Promise<"running" | "gone" | "unknown"> {
  try {
    return (await docker.getContainer(containerId).inspect()).State.Running ? "running" : "gone";
  } catch (error) {
    return (error as { statusCode?: number }).statusCode === 404 ? "gone" : "unknown";
  }
}
