import "server-only";
import type { Readable } from "node:stream";
import type Docker from "dockerode";
import { db } from "../db";
import { AppError } from "../errors";
import { ZJobSpec } from "../jobs/job-spec";
import { dockerFor } from "../docker/docker-client";
import { storeFolderArchive } from "../services/artifacts/store-folder-archive";
import { ZEnvironmentSpec } from "../services/environments/environment-spec";
import { getSiteSettings } from "../services/settings/get-site-settings";
import { ACTIVE_JOB_STATUSES, isTerminal } from "../services/runs/run-status";
import { transitionRun } from "../services/runs/transition-run";
import { createRunToken, revokeRunTokens } from "../services/tokens/create-run-token";
import { containerEnv } from "./container-env";
import { containerOptions, INSTALLATION_LABEL, RUN_LABEL } from "./container-config";
import { CODE_DIR, putJobFiles } from "./container-files";
import { putJobData } from "./put-job-data";
import { registerJobOutputs } from "./register-job-outputs";
import { DockerLogFrameParser, dockerSince, timestampNanos } from "./docker-log-frames";
import { BuildError } from "./build-error";
import { ensureImage } from "./ensure-image";
import { installationId } from "./installation-id";
import { jobLimits, jobUser } from "./job-limits";
import { jobOutcome, type TOutcome } from "./job-outcome";
import { METRICS_FILE_POLL_MS, MetricsFileReader } from "./metrics-file";
import { RunControl, type TStopReason } from "./run-control";
import { RunLogWriter } from "./run-log-writer";
import { sampleContainerStats } from "./sample-container-stats";

const STOP_GRACE_S = 10;
const RETRY_BASE_S = 5;

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
 * However the run ends (its command exits, cancel, timeout, or another path such as a purge),
 * its container is stopped and removed, its outputs copied when the run still exists, and its
 * token revoked.
 */
export async function executeJob(runId: string, isAdopted: boolean): Promise<void> {
  const job = await loadJob(runId);
  if (!job?.host || isTerminal(job.run.status)) return;
  const docker = dockerFor(job.host);
  const log = await RunLogWriter.open(runId);
  // The time limit counts from the start of preparing (builds included); an adopted running job's
  // from its container's start, the earliest time this worker knows.
  const since = job.run.status === "Preparing" || !job.run.startedAt ? new Date() : job.run.startedAt;
  const control = await RunControl.start(runId, job.timeoutS, since);
  let phase: "prepare" | "run" = "prepare";
  try {
    let container = await findContainer(docker, runId, job.attempt);
    if (container && job.run.status === "Preparing") {
      // A worker died while preparing: its half-made container is discarded and preparing starts over.
      await container.remove({ force: true });
      container = null;
    }
    if (isAdopted)
      log.system(
        container
          ? `Re-attached to container ${container.id.slice(0, 12)} after a worker restart`
          : "Taken over from a stopped worker",
      );
    if (!container && job.run.status === "Finalizing" && job.exitCode !== null) {
      // The previous worker died after the container was removed: only the status is left to set.
      await finish(
        job,
        jobOutcome({ exitCode: job.exitCode, isOomKilled: false }, null, { timeoutS: job.timeoutS, memoryBytes: null }),
        null,
        log,
      );
      return;
    }
    if (!container) {
      if (job.run.status !== "Preparing") throw new Error("The run's container is gone from its host");
      container = await prepare(docker, job, log, control);
      if (!container) return;
    }
    phase = "run";
    await follow(container, job, log, control);
  } catch (error) {
    await log.close();
    await handleFailure(job, error, phase, log, control);
  } finally {
    await control.close();
  }
}

/** The outputs the job's YAML declared (none for a spec saved before outputs existed). */
function jobOutputs(job: TJob) {
  const parsed = ZJobSpec.shape.outputs.safeParse((job.spec as { outputs?: unknown } | null)?.outputs);
  return parsed.success ? parsed.data : {};
}

async function findContainer(docker: Docker, runId: string, attempt: number): Promise<Docker.Container | null> {
  const found = await docker.listContainers({
    all: true,
    filters: { label: [`${RUN_LABEL}=${runId}`, `crucible.attempt=${attempt}`] },
  });
  return found[0] ? docker.getContainer(found[0].Id) : null;
}

async function prepare(
  docker: Docker,
  job: TJob,
  log: RunLogWriter,
  control: RunControl,
): Promise<Docker.Container | null> {
  const host = job.host!;
  log.system(`Preparing on host '${host.name}' (attempt ${job.attempt} of ${job.maxAttempts})`);
  const parsedSpec = ZEnvironmentSpec.safeParse(job.environmentVersion?.spec ?? job.inlineEnvironment);
  if (!parsedSpec.success)
    throw new UserError(
      `The job's environment spec is invalid: ${parsedSpec.error.issues.map((i) => i.message).join("; ")}`,
    );
  const spec = parsedSpec.data;
  const limits = jobLimits(job, host);
  let image: string;
  let buildTimeoutS = 0;
  try {
    // A build may take at most the site's build timeout, whatever the job's own limit.
    buildTimeoutS = (await getSiteSettings()).buildTimeoutS;
    const signal = AbortSignal.any([control.signal, AbortSignal.timeout(buildTimeoutS * 1000)]);
    image = await ensureImage(
      { docker, hostId: host.id, networkMode: host.networkMode, runStepsAsRoot: host.runStepsAsRoot, limits },
      spec,
      job.runId,
      log,
      signal,
    );
  } catch (error) {
    if (control.reason) return stopBeforeStart(job, control.reason, null, log);
    if ((error as Error).name === "TimeoutError")
      throw new UserError(`The image build took longer than the site's build timeout (${buildTimeoutS} s)`);
    if (error instanceof BuildError) throw new UserError(error.message);
    throw error;
  }
  if (control.reason) return stopBeforeStart(job, control.reason, null, log);
  const token = await createRunToken(job.run.userId!, job.workspaceId, job.runId, job.timeoutS);
  const container = await docker.createContainer(
    containerOptions({
      name: `crucible-${job.runId}-${job.attempt}`,
      image,
      command: job.command,
      workingDir: CODE_DIR,
      env: containerEnv(job, spec.environment_variables, token, host.networkMode),
      user: jobUser(spec),
      networkMode: host.networkMode,
      limits,
      labels: {
        [RUN_LABEL]: job.runId,
        [INSTALLATION_LABEL]: await installationId(),
        "crucible.workspace-id": job.workspaceId,
        "crucible.attempt": String(job.attempt),
      },
    }),
  );
  const { hasSnapshot } = await putJobFiles(container, job.workspaceId, job.runId, jobUser(spec));
  log.system(
    hasSnapshot
      ? "Code snapshot copied into the container (read-only for the job)"
      : "No code snapshot: the command runs in an empty folder",
  );
  try {
    await putJobData(container, job.workspaceId, job.runId, jobUser(spec), Object.keys(jobOutputs(job)), log);
  } catch (error) {
    // A version whose bytes are gone will not come back by retrying.
    if (error instanceof AppError) throw new UserError(`Could not copy the job's data inputs: ${error.message}`);
    throw error;
  }
  if (control.reason) return stopBeforeStart(job, control.reason, container, log);
  await container.start();
  await db().job.update({ where: { runId: job.runId }, data: { containerId: container.id } });
  if ((await transitionRun(job.runId, { to: "Running", from: ["Preparing"] })) === null) {
    // Ended by another path while the container started: follow() stops and removes it at once.
    await control.check();
  }
  log.system(`Started container ${container.id.slice(0, 12)} as user ${jobUser(spec)}: ${job.command}`);
  return container;
}

/** A stop that came before the command started: no outcome of its own beyond the reason. */
async function stopBeforeStart(
  job: TJob,
  reason: TStopReason,
  container: Docker.Container | null,
  log: RunLogWriter,
): Promise<null> {
  await container?.remove({ force: true }).catch(() => undefined);
  if (reason === "cancel")
    await finish(job, { status: "Canceled", reason: "Canceled before the container started" }, null, log);
  else if (reason === "timeout")
    await finish(
      job,
      { status: "TimedOut", reason: `Reached limits.timeout (${job.timeoutS} s) before the container started` },
      null,
      log,
    );
  else await endedElsewhere(job, reason, null, log);
  return null;
}

/** Streams the container's logs until it exits, stopping it on cancel, timeout or an end elsewhere, then finishes the run. */
async function follow(container: Docker.Container, job: TJob, log: RunLogWriter, control: RunControl): Promise<void> {
  const cursor =
    (await db().job.findUnique({ where: { runId: job.runId }, select: { logCursor: true } }))?.logCursor ?? null;
  const after = cursor ? timestampNanos(cursor) : -1n;
  const stream = (await container.logs({
    follow: true,
    stdout: true,
    stderr: true,
    timestamps: true,
    ...(cursor ? { since: dockerSince(cursor) as unknown as number } : {}),
  })) as unknown as NodeJS.ReadableStream;
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

  const stopContainer = () => {
    const reason = control.reason;
    if (reason === "cancel") log.system(`Cancel requested: stopping the container (${STOP_GRACE_S} s grace)`);
    else if (reason === "timeout") log.system(`Time limit of ${job.timeoutS} s reached: stopping the container`);
    else log.system("The run was ended by another path: stopping the container");
    container.stop({ t: STOP_GRACE_S }).catch(() => undefined);
  };
  if (control.signal.aborted) stopContainer();
  else control.signal.addEventListener("abort", stopContainer, { once: true });

  const startedAt =
    (await db().run.findUnique({ where: { id: job.runId }, select: { startedAt: true } }))?.startedAt ?? new Date();
  const stats = sampleContainerStats(container, job.workspaceId, job.runId, startedAt);
  const metricsFile =
    job.host!.networkMode === "none"
      ? new MetricsFileReader(container, job.workspaceId, job.runId, (m) => log.system(m))
      : null;
  let reading: Promise<void> = Promise.resolve();
  const readMetrics = (isFinal: boolean) => {
    reading = reading
      .then(() => metricsFile?.read(isFinal))
      .catch((error) => console.error(`run ${job.runId}: metrics file`, error));
    return reading;
  };
  const metricsTimer = metricsFile ? setInterval(() => void readMetrics(false), METRICS_FILE_POLL_MS) : null;

  try {
    const waited = (await container.wait()) as { StatusCode: number };
    await Promise.race([ended, new Promise((r) => setTimeout(r, 5000))]);
    if (metricsTimer) clearInterval(metricsTimer);
    // The container may have been removed by the sweep, for a run that ended elsewhere.
    await control.check();
    const reason = control.reason;
    if (reason === "ended" || reason === "gone") {
      if (reason === "ended") await readMetrics(true);
      await endedElsewhere(job, reason, container, log);
      return;
    }
    await readMetrics(true);
    await log.close();
    const inspected = await container.inspect();
    const stopReason = reason === "cancel" || reason === "timeout" ? reason : null;
    const outcome = jobOutcome({ exitCode: waited.StatusCode, isOomKilled: inspected.State.OOMKilled }, stopReason, {
      timeoutS: job.timeoutS,
      memoryBytes: jobLimits(job, job.host!).memoryBytes,
    });
    await finish(job, outcome, { container, exitCode: waited.StatusCode }, log);
  } finally {
    control.signal.removeEventListener("abort", stopContainer);
    if (metricsTimer) clearInterval(metricsTimer);
    stats.stop();
  }
}

async function copyOutputs(job: TJob, container: Docker.Container, log: RunLogWriter): Promise<void> {
  for (const folder of ["/crucible/outputs", "/crucible/logs"]) {
    try {
      const tar = (await container.getArchive({ path: folder })) as unknown as Readable;
      const count = await storeFolderArchive(job.workspaceId, job.runId, tar);
      if (count > 0) log.system(`Saved ${count} file(s) from ${folder.slice("/crucible/".length)}/`);
    } catch (error) {
      log.system(`Could not copy ${folder}: ${(error as Error).message}`);
    }
  }
}

/** Copies outputs/ and logs/ into the run, removes the container, revokes the token, sets the status. */
async function finish(
  job: TJob,
  outcome: TOutcome,
  ran: { container: Docker.Container; exitCode: number } | null,
  log: RunLogWriter,
): Promise<void> {
  await transitionRun(job.runId, { to: "Finalizing", from: ["Preparing", "Running"] });
  if (ran) {
    await db().job.update({ where: { runId: job.runId }, data: { exitCode: ran.exitCode } });
    await copyOutputs(job, ran.container, log);
    await ran.container.remove({ force: true }).catch(() => undefined);
    // As in Azure ML, a job's outputs become data asset versions only when it completes.
    if (outcome.status === "Completed")
      await registerJobOutputs(
        job.workspaceId,
        job.runId,
        {
          outputs: jobOutputs(job),
          experiment_name: (job.spec as { experiment_name?: string }).experiment_name ?? "Default",
        },
        log,
      );
  }
  await revokeRunTokens(job.runId);
  log.system(outcome.reason ? `Run ${outcome.status}: ${outcome.reason}` : `Run ${outcome.status}`);
  await log.close();
  await db().$transaction(async (tx) => {
    await transitionRun(job.runId, { to: outcome.status, from: [...ACTIVE_JOB_STATUSES] }, tx);
    await tx.job.update({ where: { runId: job.runId }, data: { failureReason: outcome.reason, heartbeatAt: null } });
  });
}

/** The run ended by another path (a status set elsewhere, a purge, its workspace deleted): clean up, keep its status. */
async function endedElsewhere(
  job: TJob,
  reason: "ended" | "gone",
  container: Docker.Container | null,
  log: RunLogWriter,
): Promise<void> {
  if (container) {
    await container.stop({ t: STOP_GRACE_S }).catch(() => undefined);
    if (reason === "ended") await copyOutputs(job, container, log);
    await container.remove({ force: true }).catch(() => undefined);
  }
  await revokeRunTokens(job.runId);
  if (reason === "ended") log.system("The run was ended by another path; its container is removed");
  await log.close();
  await db().job.updateMany({ where: { runId: job.runId }, data: { heartbeatAt: null } });
}

async function handleFailure(
  job: TJob,
  error: unknown,
  phase: "prepare" | "run",
  log: RunLogWriter,
  control: RunControl,
): Promise<void> {
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
  if (control.reason) {
    await stopBeforeStart(job, control.reason, null, log);
    return;
  }
  if (job.attempt < job.maxAttempts) {
    const delayS = RETRY_BASE_S * 2 ** (job.attempt - 1);
    log.system(
      `Infrastructure error: ${message}; retrying in ${delayS} s (attempt ${job.attempt} of ${job.maxAttempts})`,
    );
    await log.close();
    await db().$transaction(async (tx) => {
      await tx.job.update({
        where: { runId: job.runId },
        data: {
          hostId: null,
          workerId: null,
          heartbeatAt: null,
          containerId: null,
          notBefore: new Date(Date.now() + delayS * 1000),
        },
      });
      await transitionRun(job.runId, { to: "Queued", from: ["Preparing"] }, tx);
    });
    return;
  }
  await finish(
    job,
    { status: "Failed", reason: `Infrastructure error after ${job.attempt} attempts: ${message}` },
    null,
    log,
  );
}
