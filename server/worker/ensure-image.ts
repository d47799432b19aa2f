import "server-only";
import type Docker from "dockerode";
import { db } from "../db";
import { DockerfileStepsError } from "../services/environments/dockerfile-steps";
import {
  environmentHash,
  imageTag,
  pinnedPython,
  pythonRequirements,
  type TEnvironmentSpec,
} from "../services/environments/environment-spec";
import { BoundedText } from "./bounded-text";
import { BUILD_LABEL } from "./build-container";
import { BuildError } from "./build-error";
import { buildSteps, type TBuildStage, type TBuildStep } from "./build-steps";
import { debLayerOf } from "./debian-packages";
import { pythonLayerOf, WHEELS_PATH } from "./python-packages";
import { INSTALLATION_LABEL } from "./container-config";
import { installationId } from "./installation-id";
import { jobUser } from "./job-limits";
import { fetchWheels, imagePython, packWheels } from "./python-wheels";
import { runBuildStep } from "./run-build-step";
import { withUnprivilegedStage } from "./unprivileged-stage";

export type TBuildTarget = {
  docker: Docker;
  hostId: string;
  networkMode: string;
  /** RUN lines run as root (with no capabilities), else as the job's user: the host's setting. */
  runStepsAsRoot: boolean;
  limits: { cpu: number; memoryBytes: number };
};

/** Where a caller sees the build: a run's console, or nothing for a deployment, whose log reads the build record. */
export type TBuildLog = {
  system(line: string): void;
  write(stream: "system", text: string): void;
};

const LAYER_OF: Record<TBuildStage["layer"], (container: Docker.Container) => Promise<NodeJS.ReadableStream>> = {
  "os-packages": debLayerOf,
  "python-packages": pythonLayerOf,
};

// The build record keeps the end of a long log, where the error is.
const BUILD_LOG_MAX_BYTES = 2 * 1024 * 1024;
// The record's log is saved this often while the build runs, so a deployment's console follows it.
const LIVE_LOG_MS = 1000;

type TBuild = { done: Promise<void>; controller: AbortController; waiters: number };

// One build per image and host at a time in this process; runs needing it share it, and it is
// aborted only when every run waiting for it has given up (canceled, timed out, ended).
const building = new Map<string, TBuild>();

/**
 * The environment's image on this host, built on first use and reused after (the tag is the
 * spec's hash). The build uses the host's network mode and the caller's limits, stops when `signal`
 * aborts, and its log goes into `log` and (bounded, saved as it grows) into the build record, which
 * names `runId` when a run started it. Jobs and online deployments share it.
 */
export async function ensureImage(
  target: TBuildTarget,
  spec: TEnvironmentSpec,
  runId: string | null,
  log: TBuildLog,
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
    log.system(`Waiting for the build of ${tag} already under way on this host`);
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
  return (await inspectImage(docker, tag)) !== null;
}

async function inspectImage(docker: Docker, tag: string): Promise<Docker.ImageInspectInfo | null> {
  try {
    return await docker.getImage(tag).inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}

async function build(
  target: TBuildTarget,
  spec: TEnvironmentSpec,
  hash: string,
  tag: string,
  runId: string | null,
  log: TBuildLog,
  signal: AbortSignal,
): Promise<void> {
  const { docker } = target;
  const base = await inspectImage(docker, spec.image);
  if (!base) {
    throw new BuildError(
      `Base image ${spec.image} is not on this host, and images are never pulled from a registry; build or load it there first (scripts/build-base-image.sh makes crucible-base:bookworm)`,
    );
  }
  // The engine would mount a volume for each, in build steps and jobs alike, which have no mounts.
  if (Object.keys(base.Config.Volumes ?? {}).length > 0) {
    throw new BuildError(
      `Base image ${spec.image} declares volumes (${Object.keys(base.Config.Volumes ?? {}).join(", ")}); containers of environments have no mounts, so use an image without VOLUME`,
    );
  }
  const record = await db().environmentBuild.create({ data: { hash, hostId: target.hostId, runId } });
  const title = `Building environment image ${tag} (network: ${target.networkMode})`;
  log.system(title);
  const text = new BoundedText(BUILD_LOG_MAX_BYTES);
  text.append(`${title}\n`);
  let timer: NodeJS.Timeout | null = null;
  let saving = Promise.resolve();
  const save = () => {
    timer = null;
    saving = saving
      .then(() => db().environmentBuild.update({ where: { id: record.id }, data: { log: text.toString() } }))
      .then(
        () => undefined,
        () => undefined,
      );
  };
  // The final save must come after every live one.
  const stopSaving = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    await saving;
  };
  const emit = (line: string) => {
    text.append(line);
    log.write("system", line);
    timer ??= setTimeout(save, LIVE_LOG_MS);
  };
  // The images this build made, removed unless it succeeds (they are then the final image and its layers).
  const made: string[] = [];
  try {
    const steps = buildStepsOrError(spec);
    if (spec.os_packages.length > 0 && target.networkMode === "none")
      throw new BuildError(
        "os_packages need the network to fetch Debian packages, and this host's network mode is none; use a host with network, or a base image that has them",
      );
    const requirements = pythonRequirements(spec);
    const wheels = requirements.length > 0 ? await pythonWheels(target.docker, spec, requirements, emit) : null;
    const labels = { [INSTALLATION_LABEL]: await installationId(), [BUILD_LABEL]: record.id };
    let image = spec.image;
    for (const [index, step] of steps.entries()) {
      const isLast = index === steps.length - 1;
      emit(`Step ${index + 1}/${steps.length}: ${step.title}\n`);
      for (const change of step.changes) emit(`  ${change}\n`);
      const name = `crucible-build-${record.id}-${index + 1}`;
      const from = image;
      const run = (files: NodeJS.ReadableStream | null) =>
        runBuildStep({
          docker,
          name,
          from,
          step,
          hostNetworkMode: target.networkMode,
          runAs: target.runStepsAsRoot ? "root" : jobUser(spec),
          limits: target.limits,
          labels,
          // The engine copies the container's labels onto the image; the finished image carries
          // them empty, so containers made from it are never taken for build steps.
          imageLabels: isLast
            ? { [INSTALLATION_LABEL]: "", [BUILD_LABEL]: "", "crucible.environment-hash": hash }
            : labels,
          files,
          emit,
          signal,
        });
      const stage = step.stage;
      image = stage
        ? await withUnprivilegedStage(
            {
              docker,
              name: `${name}-stage`,
              from,
              title: step.title,
              command: stage.command,
              networkMode: stage.access === "network" ? target.networkMode : "none",
              limits: target.limits,
              labels,
              files:
                stage.layer === "python-packages" && wheels
                  ? await packWheels(wheels, requirements, WHEELS_PATH)
                  : null,
              emit,
              signal,
            },
            async (container) => run(await LAYER_OF[stage.layer](container)),
          )
        : await run(null);
      made.push(image);
    }
    const [repo, version] = tag.split(":") as [string, string];
    await docker.getImage(image).tag({ repo, tag: version });
    made.length = 0;
    await stopSaving();
    await db().environmentBuild.update({
      where: { id: record.id },
      data: { status: "Succeeded", log: text.toString(), endedAt: new Date() },
    });
    log.system(`Built ${tag}`);
  } catch (error) {
    text.append(`\n${(error as Error).message}`);
    await stopSaving();
    await db().environmentBuild.update({
      where: { id: record.id },
      data: { status: "Failed", log: text.toString(), endedAt: new Date() },
    });
    // Only a failing step is the user's error; an engine that cannot be reached is retried.
    throw error;
  } finally {
    await stopSaving();
    // Newest first: an image cannot go while a later one is made from it.
    for (const id of made.reverse())
      await docker
        .getImage(id)
        .remove({ force: true })
        .catch(() => undefined);
  }
}

/** An environment saved before dockerfile_steps were checked may hold steps a build cannot run. */
function buildStepsOrError(spec: TEnvironmentSpec): TBuildStep[] {
  try {
    return buildSteps(spec);
  } catch (error) {
    if (error instanceof DockerfileStepsError) throw new BuildError(error.message);
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
