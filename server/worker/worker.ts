import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { env } from "../env";
import { CHANNELS } from "../database/notifications";
import { heartbeatHosts } from "../services/compute/heartbeat-hosts";
import { ensureCuratedEnvironments } from "../services/environments/curated-environments";
import { listen } from "../database/pg-listener";
import { claimJobs } from "./claim-jobs";
import { executeJob } from "./execute-job";
import { cleanDataStorage } from "../services/data/clean-data-storage";
import { claimDataProfile } from "../services/data-profile/claim-data-profile";
import { runDataProfile } from "../services/data-profile/run-data-profile";
import { EndpointReconciler } from "./endpoints/reconcile-endpoints";
import { finishBatchInvocations } from "./finish-batch-invocations";
import { sweepContainers } from "./sweep-containers";
import { adoptOrphanedJobs, failRunsOnVanishedHosts, touchJobs } from "./sweeps";

const HOST_PROBE_MS = 5000;
const DATA_CLEAN_MS = 3600 * 1000;
// Probes are due at their own periods; this is how often the reconciler looks which are.
const ENDPOINTS_TICK_MS = 250;

/**
 * One worker: probes hosts, claims and places queued jobs, runs each to its end, keeps its jobs'
 * heartbeats fresh, adopts jobs whose worker died, and fails runs whose host vanished. Stopping
 * leaves running containers alone; the next worker re-attaches to them.
 */
export class Worker {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  private readonly active = new Map<string, Promise<void>>();
  private isStopping = false;
  private wake: (() => void) | null = null;
  private loopDone: Promise<void> = Promise.resolve();
  private unlisten: (() => Promise<void>) | null = null;
  private unlistenProfiles: (() => Promise<void>) | null = null;
  private probing: Promise<void> | null = null;
  // One data profile at a time: it is CPU work, and a job's container needs the cores too.
  private profiling: Promise<void> | null = null;
  private readonly stopProfiling = new AbortController();
  private readonly endpoints: EndpointReconciler;
  private endpointsDone: Promise<void> = Promise.resolve();
  private wakeEndpoints: (() => void) | null = null;
  private unlistenEndpoints: (() => Promise<void>) | null = null;

  /** `workspaceIds` dedicates the worker to some workspaces (CRUCIBLE_WORKER_WORKSPACES); null serves all. */
  constructor(private readonly workspaceIds: string[] | null = env().CRUCIBLE_WORKER_WORKSPACES) {
    this.endpoints = new EndpointReconciler(workspaceIds);
  }

  async start(): Promise<void> {
    await ensureCuratedEnvironments();
    await this.probeHosts();
    this.unlisten = await listen(CHANNELS.jobs, () => this.wake?.());
    this.unlistenProfiles = await listen(CHANNELS.dataProfiles, () => this.wake?.());
    this.loopDone = this.loop();
    this.unlistenEndpoints = await listen(CHANNELS.endpoints, () => this.wakeEndpoints?.());
    this.endpointsDone = this.endpointsLoop();
    console.log(`worker ${this.id} started`);
  }

  async stop(): Promise<void> {
    this.isStopping = true;
    this.wake?.();
    await this.loopDone;
    this.wakeEndpoints?.();
    await this.endpointsDone;
    await this.unlistenEndpoints?.();
    await this.endpoints.stop();
    // An unfinished profile goes back to the queue for the next worker.
    this.stopProfiling.abort();
    await this.profiling;
    await this.probing;
    await this.unlisten?.();
    await this.unlistenProfiles?.();
  }

  /** Runs in flight, for tests and a graceful exit. */
  get activeRunIds(): string[] {
    return [...this.active.keys()];
  }

  private async loop(): Promise<void> {
    let lastProbe = Date.now();
    let lastDataClean = 0;
    let lastTouch = 0;
    const touchEvery = (env().CRUCIBLE_JOB_HEARTBEAT_S * 1000) / 4;
    while (!this.isStopping) {
      try {
        if (Date.now() - lastProbe >= HOST_PROBE_MS) {
          lastProbe = Date.now();
          // In the background, one round at a time: a slow host never holds up claiming work.
          this.probing ??= this.probeHosts().finally(() => (this.probing = null));
          await failRunsOnVanishedHosts(this.workspaceIds);
          await finishBatchInvocations(this.workspaceIds);
          await sweepContainers();
        }
        if (Date.now() - lastDataClean >= DATA_CLEAN_MS) {
          lastDataClean = Date.now();
          await cleanDataStorage();
        }
        if (Date.now() - lastTouch >= touchEvery) {
          lastTouch = Date.now();
          await touchJobs(this.id, this.activeRunIds);
          for (const runId of await adoptOrphanedJobs(this.id, this.workspaceIds)) this.run(runId, true);
        }
        for (const runId of await claimJobs(this.id, this.workspaceIds)) this.run(runId, false);
        await this.profileNext();
      } catch (error) {
        console.error(`worker ${this.id}: loop error`, error);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, env().CRUCIBLE_WORKER_POLL_MS);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** Online endpoints' instances, reconciled apart from jobs so a slow claim never delays a probe. */
  private async endpointsLoop(): Promise<void> {
    while (!this.isStopping) {
      try {
        await this.endpoints.tick();
      } catch (error) {
        console.error(`worker ${this.id}: endpoints error`, error);
      }
      if (this.isStopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ENDPOINTS_TICK_MS);
        this.wakeEndpoints = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeEndpoints = null;
    }
  }

  /** Starts the next queued data profile in the background, when none is running here. */
  private async profileNext(): Promise<void> {
    if (this.profiling || this.isStopping) return;
    const profileId = await claimDataProfile(this.id, this.workspaceIds);
    if (!profileId) return;
    this.profiling = runDataProfile(profileId, this.id, this.stopProfiling.signal)
      .catch((error) => console.error(`data profile ${profileId}: ${(error as Error).message}`))
      .finally(() => {
        this.profiling = null;
        this.wake?.();
      });
  }

  /** Never throws: a host that answers badly (or not at all) must not stop the worker. */
  private async probeHosts(): Promise<void> {
    try {
      await heartbeatHosts(this.workspaceIds);
    } catch (error) {
      console.error(`worker ${this.id}: host heartbeat failed`, error);
    }
  }

  private run(runId: string, isAdopted: boolean): void {
    if (this.active.has(runId)) return;
    const task = executeJob(runId, isAdopted)
      .catch((error) => console.error(`run ${runId}: ${(error as Error).message}`))
      .finally(() => this.active.delete(runId));
    this.active.set(runId, task);
  }
}
