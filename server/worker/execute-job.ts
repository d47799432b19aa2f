import "server-only";
import type { Readable } from "node:stream";
import type Docker from "dockerode";
import { db } from "../db";
import { dockerFor } from "../docker/docker-client";
import { env } from "../env";
import type { RunStatus } from "../generated/prisma/client";
import { storeFolderArchive } from "../services/artifacts/store-folder-archive";
import { ZEnvironmentSpec } from "../services/environments/environment-spec";
import { TERMINAL_STATUSES } from "../services/runs/run-status";
import { createRunToken, revokeRunTokens } from "../services/tokens/create-run-token";
import { CODE_DIR, putJobFiles, SDK_DIR } from "./container-files";
import { DockerLogFrameParser, dockerSince, timestampNanos } from "./docker-log-frames";
import { BuildError, ensureImage } from "./ensure-image";
import { jobOutcome } from "./job-outcome";
import { METRICS_FILE, MetricsFileReader } from "./metrics-file";
import { RunLogWriter } from "./run-log-writer";
import { sampleContainerStats } from "./sample-container-stats";

export const RUN_LABEL = "crucible.run-id";
const STOP_GRACE_S = 10;
const CONTROL_MS = 1000;
const RETRY_BASE_S = 5;
const METRICS_FILE_POLL_MS = 3000;

type TJob = NonNullable<Awaited<ReturnType<typeof loadJob>>>;

/** A failure that is the job's own (bad spec, failed build): never retried. */
class UserError extends Error {}

function loadJob(runId: string) {
  return db().job.findUnique({ where: { runId }, include: { run: true, host: true, environmentVersion: true } });
}

/**
 * Takes a claimed job from Preparing to its end: image, container, logs, outputs, status. With
 * `isAdopted`, the job was another (dead) worker's: its container is found by label and followed
 * from the saved log cursor. Infrastructure failures before the container starts go back to the
 * queue with backoff; once running, a lost engine connection leaves the job for re-adoption.
 */
export async function executeJob(runId: string, isAdopted: boolean): Promise<void> {
  const job = await loadJob(runId);
  if (!job?.host || TERMINAL_STATUSES.includes(job.run.status)) return;
  const docker = dockerFor(job.host);
  const log = await RunLogWriter.open(runId);
  let phase: "prepare" | "run" = "prepare";
  try {
    let container = await findContainer(docker, runId, job.attempt);
    if (container && job.run.status === "Preparing") {
      // A worker died while preparing: its half-made container is discarded and preparing starts over.
      await container.remove({ force: true });
      container = null;
    }
    if (isAdopted) log.system(container ? `Re-attached to container ${container.id.slice(0, 12)} after a worker restart` : "Taken over from a stopped worker");
    if (!container && job.run.status === "Finalizing" && job.exitCode !== null) {
      // The previous worker died after the container was removed: only the status is left to set.
      await finish(job, jobOutcome({ exitCode: job.exitCode, isOomKilled: false }, null, { timeoutS: job.timeoutS, memoryBytes: null }), null, log);
      return;
    }
    if (!container) {
      if (job.run.status !== "Preparing") throw new Error("The run's container is gone from its host");
      container = await prepare(docker, job, log);
      if (!container) return;
    }
    phase = "run";
    await follow(docker, container, job, log);
  } catch (error) {
    await log.close();
    await handleFailure(job, error, phase, log);
  }
}

async function findContainer(docker: Docker, runId: string, attempt: number): Promise<Docker.Container | null> {
  const found = await docker.listContainers({ all: true, filters: { label: [`${RUN_LABEL}=${runId}`, `crucible.attempt=${attempt}`] } });
  return found[0] ? docker.getContainer(found[0].Id) : null;
}

async function prepare(docker: Docker, job: TJob, log: RunLogWriter): Promise<Docker.Container | null> {
  const host = job.host!;
  log.system(`Preparing on host '${host.name}' (attempt ${job.attempt} of ${job.maxAttempts})`);
  const parsedSpec = ZEnvironmentSpec.safeParse(job.environmentVersion?.spec ?? job.inlineEnvironment);
  if (!parsedSpec.success) throw new UserError("The job's environment spec is invalid");
  const spec = parsedSpec.data;
  let image: string;
  try {
    image = await ensureImage(docker, host.id, spec, job.runId, log);
  } catch (error) {
    if (error instanceof BuildError) throw new UserError(error.message);
    throw error;
  }
  if (await isStopRequested(job.runId)) {
    await finish(job, { status: "Canceled", reason: "Canceled before the container started" }, null, log);
    return null;
  }
  const token = await createRunToken(job.run.userId!, job.workspaceId, job.runId, job.timeoutS);
  const memory = job.memoryBytes === null ? undefined : Number(job.memoryBytes);
  const container = await docker.createContainer({
    name: `crucible-${job.runId}-${job.attempt}`,
    Image: image,
    Cmd: ["/bin/sh", "-c", job.command],
    WorkingDir: CODE_DIR,
    Env: containerEnv(job, spec.environment_variables, token),
    Labels: { [RUN_LABEL]: job.runId, "crucible.workspace-id": job.workspaceId, "crucible.attempt": String(job.attempt) },
    Tty: false,
    HostConfig: {
      NetworkMode: host.networkMode,
      Privileged: false,
      SecurityOpt: ["no-new-privileges"],
      Init: true,
      NanoCpus: job.cpu ? Math.round(job.cpu * 1e9) : undefined,
      Memory: memory,
      MemorySwap: memory,
      DeviceRequests: job.gpus > 0 ? [{ Driver: "nvidia", Count: job.gpus, Capabilities: [["gpu"]] }] : undefined,
    },
  });
  const { hasSnapshot } = await putJobFiles(container, job.workspaceId, job.runId);
  log.system(hasSnapshot ? "Code snapshot copied into the container" : "No code snapshot: the command runs in an empty folder");
  await container.start();
  await db().run.updateMany({ where: { id: job.runId, status: "Preparing" }, data: { status: "Running", startedAt: new Date() } });
  await db().job.update({ where: { runId: job.runId }, data: { containerId: container.id } });
  log.system(`Started container ${container.id.slice(0, 12)}: ${job.command}`);
  return container;
}

function containerEnv(job: TJob, variables: Record<string, string>, token: string): string[] {
  const url = env().CRUCIBLE_CONTAINER_URL ?? `http://127.0.0.1:${env().PORT}`;
  const values: Record<string, string> = {
    ...variables,
    CRUCIBLE_URL: url,
    CRUCIBLE_TOKEN: token,
    CRUCIBLE_WORKSPACE: job.workspaceId,
    CRUCIBLE_RUN_ID: job.runId,
    CRUCIBLE_OUTPUTS: "/crucible/outputs",
    CRUCIBLE_LOGS: "/crucible/logs",
    PYTHONPATH: SDK_DIR,
    PYTHONUNBUFFERED: "1",
    // Without a network the SDK cannot reach the studio: it writes to a file the worker reads.
    ...(job.host!.networkMode === "none" ? { CRUCIBLE_METRICS_FILE: METRICS_FILE } : {}),
  };
  return Object.entries(values).map(([k, v]) => `${k}=${v}`);
}

/** Streams the container's logs until it exits, enforcing cancel and timeout, then finishes the run. */
async function follow(docker: Docker, container: Docker.Container, job: TJob, log: RunLogWriter): Promise<void> {
  const cursor = (await db().job.findUnique({ where: { runId: job.runId }, select: { logCursor: true } }))?.logCursor ?? null;
  const after = cursor ? timestampNanos(cursor) : -1n;
  const stream = (await container.logs({ follow: true, stdout: true, stderr: true, timestamps: true, ...(cursor ? { since: dockerSince(cursor) as unknown as number } : {}) })) as unknown as NodeJS.ReadableStream;
  const parser = new DockerLogFrameParser();
  const ended = new Promise<void>((resolve) => {
    stream.on("data", (chunk: Buffer) => {
      for (const frame of parser.push(chunk)) {
        if (timestampNanos(frame.timestamp) <= after) continue;
        log.write(frame.stream, frame.text, new Date(frame.timestamp), frame.timestamp);
      }
    });
    stream.on("end", resolve);
    stream.on("error", () => resolve());
    stream.on("close", resolve);
  });

  let stopReason: "cancel" | "timeout" | null = null;
  let isAborted = false;
  const startedAt = (await db().run.findUnique({ where: { id: job.runId }, select: { startedAt: true } }))?.startedAt ?? new Date();
  const control = setInterval(() => {
    void (async () => {
      if (stopReason || isAborted) return;
      const state = await db().job.findUnique({ where: { runId: job.runId }, select: { cancelRequestedAt: true, run: { select: { status: true } } } });
      if (!state || TERMINAL_STATUSES.includes(state.run.status)) {
        // Someone else ended the run (its host was declared gone): stop following.
        isAborted = true;
        (stream as unknown as { destroy?: () => void }).destroy?.();
        return;
      }
      if (state.cancelRequestedAt) stopReason = "cancel";
      else if (job.timeoutS && Date.now() - startedAt.getTime() > job.timeoutS * 1000) stopReason = "timeout";
      if (stopReason) {
        log.system(stopReason === "cancel" ? `Cancel requested: stopping the container (${STOP_GRACE_S} s grace)` : `Time limit of ${job.timeoutS} s reached: stopping the container`);
        await container.stop({ t: STOP_GRACE_S }).catch(() => undefined);
      }
    })().catch((error) => console.error(`run ${job.runId}: control check failed`, error));
  }, CONTROL_MS);
  const stats = sampleContainerStats(container, job.workspaceId, job.runId, startedAt);
  const metricsFile = job.host!.networkMode === "none" ? new MetricsFileReader(container, job.workspaceId, job.runId, (m) => log.system(m)) : null;
  let reading: Promise<void> = Promise.resolve();
  const readMetrics = (isFinal: boolean) => {
    reading = reading.then(() => metricsFile?.read(isFinal)).catch((error) => console.error(`run ${job.runId}: metrics file`, error));
    return reading;
  };
  const metricsTimer = metricsFile ? setInterval(() => void readMetrics(false), METRICS_FILE_POLL_MS) : null;

  try {
    const waited = (await container.wait()) as { StatusCode: number };
    await Promise.race([ended, new Promise((r) => setTimeout(r, 5000))]);
    if (isAborted) return;
    if (metricsTimer) clearInterval(metricsTimer);
    await readMetrics(true);
    await log.close();
    const inspected = await container.inspect();
    const outcome = jobOutcome({ exitCode: waited.StatusCode, isOomKilled: inspected.State.OOMKilled }, stopReason, { timeoutS: job.timeoutS, memoryBytes: job.memoryBytes === null ? null : Number(job.memoryBytes) });
    await finish(job, outcome, { container, exitCode: waited.StatusCode }, log);
  } finally {
    clearInterval(control);
    if (metricsTimer) clearInterval(metricsTimer);
    stats.stop();
  }
}

/** Copies outputs/ and logs/ into the run, removes the container, revokes the token, sets the status. */
async function finish(job: TJob, outcome: { status: RunStatus; reason: string | null }, ran: { container: Docker.Container; exitCode: number } | null, log: RunLogWriter): Promise<void> {
  await db().run.updateMany({ where: { id: job.runId, status: { notIn: [...TERMINAL_STATUSES] } }, data: { status: "Finalizing" } });
  if (ran) await db().job.update({ where: { runId: job.runId }, data: { exitCode: ran.exitCode } });
  if (ran) {
    for (const folder of ["/crucible/outputs", "/crucible/logs"]) {
      try {
        const tar = (await ran.container.getArchive({ path: folder })) as unknown as Readable;
        const count = await storeFolderArchive(job.workspaceId, job.runId, tar);
        if (count > 0) log.system(`Saved ${count} file(s) from ${folder.slice("/crucible/".length)}/`);
      } catch (error) {
        log.system(`Could not copy ${folder}: ${(error as Error).message}`);
      }
    }
    await ran.container.remove({ force: true }).catch(() => undefined);
  }
  await revokeRunTokens(job.runId);
  log.system(outcome.reason ? `Run ${outcome.status}: ${outcome.reason}` : `Run ${outcome.status}`);
  await log.close();
  await db().$transaction([
    db().run.updateMany({ where: { id: job.runId, status: { notIn: [...TERMINAL_STATUSES] } }, data: { status: outcome.status, endedAt: new Date() } }),
    db().job.update({ where: { runId: job.runId }, data: { failureReason: outcome.reason, heartbeatAt: null } }),
  ]);
}

async function isStopRequested(runId: string): Promise<boolean> {
  const job = await db().job.findUnique({ where: { runId }, select: { cancelRequestedAt: true } });
  return Boolean(job?.cancelRequestedAt);
}

async function handleFailure(job: TJob, error: unknown, phase: "prepare" | "run", log: RunLogWriter): Promise<void> {
  const message = (error as Error).message || String(error);
  if (error instanceof UserError) {
    await finish(job, { status: "Failed", reason: message }, null, log);
    return;
  }
  if (phase === "run") {
    // The engine stopped answering mid-run: leave the job for re-adoption once the heartbeat
    // lapses (or for the host sweep, if the host is gone for good).
    console.error(`run ${job.runId}: lost the container (${message}); it will be re-attached`);
    throw error;
  }
  const container = await findContainer(dockerFor(job.host!), job.runId, job.attempt).catch(() => null);
  await container?.remove({ force: true }).catch(() => undefined);
  await revokeRunTokens(job.runId);
  if (job.attempt < job.maxAttempts) {
    const delayS = RETRY_BASE_S * 2 ** (job.attempt - 1);
    log.system(`Infrastructure error: ${message}; retrying in ${delayS} s (attempt ${job.attempt} of ${job.maxAttempts})`);
    await log.close();
    await db().$transaction([
      db().job.update({ where: { runId: job.runId }, data: { hostId: null, workerId: null, heartbeatAt: null, containerId: null, notBefore: new Date(Date.now() + delayS * 1000) } }),
      db().run.updateMany({ where: { id: job.runId, status: "Preparing" }, data: { status: "Queued" } }),
    ]);
    return;
  }
  await finish(job, { status: "Failed", reason: `Infrastructure error after ${job.attempt} attempts: ${message}` }, null, log);
}
