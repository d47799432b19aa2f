import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type Docker from "dockerode";
import { pack } from "tar-stream";
import { db } from "../db";
import {
  environmentHash,
  imageTag,
  pinnedPython,
  pythonRequirements,
  renderDockerfile,
  type TEnvironmentSpec,
  WHEELS_DIR,
} from "../services/environments/environment-spec";
import { BoundedText } from "./bounded-text";
import { BuildError } from "./build-error";
import { fetchWheels, imagePython } from "./python-wheels";
import type { RunLogWriter } from "./run-log-writer";

export type TBuildTarget = {
  docker: Docker;
  hostId: string;
  networkMode: string;
  limits: { cpu: number; memoryBytes: number };
};

// The build record keeps the end of a long log, where the error is.
const BUILD_LOG_MAX_BYTES = 2 * 1024 * 1024;

type TBuild = { done: Promise<void>; controller: AbortController; waiters: number };

// One build per image and host at a time in this process; runs needing it share it, and it is
// aborted only when every run waiting for it has given up (canceled, timed out, ended).
const building = new Map<string, TBuild>();

/**
 * The environment's image on this host, built on first use and reused after (the tag is the
 * spec's hash). The build uses the host's network mode and the job's limits, stops when `signal`
 * aborts, and its log goes into the run's console and (bounded) into the build record.
 */
export async function ensureImage(
  target: TBuildTarget,
  spec: TEnvironmentSpec,
  runId: string,
  log: RunLogWriter,
  signal: AbortSignal,
): Promise<string> {
  const hash = environmentHash(spec);
  const tag = imageTag(hash);
  if (await hasImage(target.docker, tag)) {
    log.system(`Environment image ${tag} is cached on this host`);
    return tag;
  }
  const key = `${target.hostId}:${tag}`;
  let entry = building.get(key);
  if (!entry) {
    const controller = new AbortController();
    const created: TBuild = {
      controller,
      waiters: 0,
      done: build(target, spec, hash, tag, runId, log, controller.signal).finally(() => building.delete(key)),
    };
    building.set(key, (entry = created));
  } else {
    log.system(`Waiting for the build of ${tag} another run started`);
  }
  const shared = entry;
  shared.waiters += 1;
  try {
    await new Promise<void>((resolve, reject) => {
      const onAbort = () =>
        reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason ?? "aborted")));
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      shared.done.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  } finally {
    shared.waiters -= 1;
    if (shared.waiters === 0 && signal.aborted) shared.controller.abort(signal.reason);
  }
  return tag;
}

async function hasImage(docker: Docker, tag: string): Promise<boolean> {
  try {
    await docker.getImage(tag).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}

async function build(
  target: TBuildTarget,
  spec: TEnvironmentSpec,
  hash: string,
  tag: string,
  runId: string,
  log: RunLogWriter,
  signal: AbortSignal,
): Promise<void> {
  const { docker } = target;
  if (!(await hasImage(docker, spec.image))) {
    throw new BuildError(
      `Base image ${spec.image} is not on this host, and images are never pulled from a registry; build or load it there first (scripts/build-base-image.sh makes crucible-base:bookworm)`,
    );
  }
  const record = await db().environmentBuild.create({ data: { hash, hostId: target.hostId, runId } });
  const dockerfile = renderDockerfile(spec, hash);
  log.system(`Building environment image ${tag} (network: ${target.networkMode})`);
  const text = new BoundedText(BUILD_LOG_MAX_BYTES);
  text.append(`Dockerfile:\n${dockerfile}\n`);
  const emit = (line: string) => {
    text.append(line);
    log.write("system", line);
  };
  try {
    const requirements = pythonRequirements(spec);
    const wheels = requirements.length > 0 ? await pythonWheels(target.docker, spec, requirements, emit) : null;
    const context = pack();
    context.entry({ name: "Dockerfile" }, dockerfile);
    if (wheels) {
      context.entry({ name: "requirements.txt" }, `${requirements.join("\n")}\n`);
      for (const file of (await fs.readdir(wheels)).filter((f) => f.endsWith(".whl"))) {
        context.entry({ name: `${WHEELS_DIR}/${file}` }, await fs.readFile(path.join(wheels, file)));
      }
    }
    context.finalize();
    // Closing the request (abortSignal) makes the engine stop the build and remove its containers.
    const stream = await docker.buildImage(
      context as unknown as NodeJS.ReadableStream,
      {
        t: tag,
        networkmode: target.networkMode,
        memory: target.limits.memoryBytes,
        memswap: target.limits.memoryBytes,
        cpuperiod: 100_000,
        cpuquota: Math.round(target.limits.cpu * 100_000),
        rm: true,
        forcerm: true,
        labels: { "crucible.environment-hash": hash },
        abortSignal: signal,
      } as Docker.ImageBuildOptions,
    );
    await new Promise<void>((resolve, reject) => {
      signal.addEventListener(
        "abort",
        () => reject(signal.reason instanceof Error ? signal.reason : new Error("Build aborted")),
        { once: true },
      );
      docker.modem.followProgress(
        stream,
        (error: Error | null, output: { error?: string; errorDetail?: { message?: string } }[]) => {
          const failed = error?.message ?? output.find((o) => o.error)?.error;
          if (failed) reject(new BuildError(`Image build failed: ${failed.trim()}`));
          else resolve();
        },
        (event: { stream?: string; status?: string; error?: string }) => {
          if (event.stream) emit(event.stream);
          else if (event.status) emit(`${event.status}\n`);
          else if (event.error) emit(`${event.error}\n`);
        },
      );
    });
    await db().environmentBuild.update({
      where: { id: record.id },
      data: { status: "Succeeded", log: text.toString(), endedAt: new Date() },
    });
    log.system(`Built ${tag}`);
  } catch (error) {
    text.append(`\n${(error as Error).message}`);
    await db().environmentBuild.update({
      where: { id: record.id },
      data: { status: "Failed", log: text.toString(), endedAt: new Date() },
    });
    // Only a failing Dockerfile is the user's error; an engine that cannot be reached is retried.
    throw error;
  }
}

/** Wheels for the spec's Python packages, for the base image's Python (and the version a conda file pins). */
async function pythonWheels(
  docker: Docker,
  spec: TEnvironmentSpec,
  requirements: string[],
  emit: (line: string) => void,
): Promise<string> {
  const python = await imagePython(docker, spec.image);
  const pinned = pinnedPython(spec);
  if (pinned && !`${python.version}.`.startsWith(`${pinned}.`)) {
    throw new BuildError(
      `conda_file asks for python=${pinned}, but the image ${spec.image} has Python ${python.version}`,
    );
  }
  return fetchWheels(requirements, python, (line) => emit(`${line}\n`));
}
