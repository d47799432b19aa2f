import "server-only";
import type Docker from "dockerode";
import { buildContainerOptions, type TBuildContainerPlan } from "./build-container";
import { BuildError } from "./build-error";
import type { TBuildStep } from "./build-steps";
import { DockerLogFrameParser } from "./docker-log-frames";

export type TBuildStepRun = {
  docker: Docker;
  name: string;
  /** The image the step starts from (the base image or the previous step's). */
  from: string;
  step: TBuildStep;
  hostNetworkMode: string;
  /** Who the step's command runs as: "root" (with no capabilities) or a uid:gid. */
  runAs: string;
  limits: TBuildContainerPlan["limits"];
  /** The container's labels (installation and build), which the engine also copies onto the image it commits. */
  labels: Record<string, string>;
  /** Labels the committed image gets over the container's. */
  imageLabels: Record<string, string>;
  /** A tar archive put at / before the step starts. */
  files: NodeJS.ReadableStream | null;
  emit: (text: string) => void;
  signal: AbortSignal;
};

/**
 * Runs one build step in a container made from `from` and commits it; returns the new image's id.
 * The image keeps `from`'s configuration (user, command, entrypoint, environment, working folder)
 * plus the step's changes. On abort the container goes at once and the abort's reason is thrown.
 */
export async function runBuildStep(run: TBuildStepRun): Promise<string> {
  const { docker, step, signal } = run;
  const config = (await docker.getImage(run.from).inspect()).Config;
  abortIfAborted(signal);
  // A step that runs nothing runs as root, which changes nothing. An unset user is root already;
  // naming it would make the commit set it on the image.
  const runAs = step.command ? run.runAs : "root";
  const user = runAs === "root" ? (config.User ? "0:0" : "") : runAs;
  const plan = {
    name: run.name,
    image: run.from,
    command: step.command,
    user,
    networkMode: step.access === "network" ? run.hostNetworkMode : "none",
    limits: run.limits,
    labels: run.labels,
  };
  return withBuildContainer(docker, plan, signal, async (container) => {
    if (run.files) await container.putArchive(run.files, { path: "/" });
    if (step.command) {
      const hint =
        runAs === "root"
          ? ""
          : ` (RUN lines run as user ${run.runAs} on this host, not root: list Debian packages in os_packages and Python ones in python_requirements, write under /tmp, or ask an admin to let this host run them as root)`;
      await runToEnd(container, step.title, run.emit, signal, hint);
    }
    abortIfAborted(signal);
    // The engine fills what the body leaves empty from the container's own settings: an empty
    // entrypoint (not a missing one) keeps the step's command out of the image.
    const committed = (await container.commit({
      _query: { container: container.id, changes: step.changes },
      // The engine also fills an empty user from the container's: an image that left it unset
      // (root) says root, rather than the user its build steps ran as.
      _body: {
        ...config,
        User: config.User || (user ? "0:0" : ""),
        Entrypoint: config.Entrypoint ?? [],
        Labels: { ...config.Labels, ...run.imageLabels },
      },
    })) as { Id: string };
    if (signal.aborted) {
      await docker
        .getImage(committed.Id)
        .remove({ force: true })
        .catch(() => undefined);
      abortIfAborted(signal);
    }
    return committed.Id;
  });
}

/**
 * Makes a build container from `plan`, gives it to `work`, and removes it after, however `work`
 * ends; on abort it goes at once, which ends whatever `work` is waiting on.
 */
export async function withBuildContainer<T>(
  docker: Docker,
  plan: TBuildContainerPlan,
  signal: AbortSignal,
  work: (container: Docker.Container) => Promise<T>,
): Promise<T> {
  abortIfAborted(signal);
  const container = await docker.createContainer(buildContainerOptions(plan));
  const onAbort = () => void container.remove({ force: true }).catch(() => undefined);
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    abortIfAborted(signal);
    return await work(container);
  } finally {
    signal.removeEventListener("abort", onAbort);
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** Starts the container and streams its log into `emit`; a nonzero exit is the user's BuildError. */
export async function runToEnd(
  container: Docker.Container,
  title: string,
  emit: (text: string) => void,
  signal: AbortSignal,
  /** Added to the error of a step that exits nonzero. */
  hint = "",
): Promise<void> {
  await container.start();
  const parser = new DockerLogFrameParser();
  try {
    const stream = (await container.logs({
      follow: true,
      stdout: true,
      stderr: true,
      timestamps: true,
    })) as unknown as NodeJS.ReadableStream;
    for await (const chunk of stream) for (const frame of parser.push(chunk as Buffer)) emit(frame.text);
  } catch (error) {
    // A container removed on abort ends its log stream abruptly.
    abortIfAborted(signal);
    throw error;
  }
  const { StatusCode } = (await container.wait().catch((error: unknown) => {
    abortIfAborted(signal);
    throw error;
  })) as { StatusCode: number };
  abortIfAborted(signal);
  if (StatusCode === 0) return;
  const isOomKilled = (await container.inspect()).State.OOMKilled;
  throw new BuildError(
    `Image build failed: ${title} ${isOomKilled ? "ran out of memory (the job's memory limit applies to its build)" : `exited with code ${StatusCode}${hint}`}`,
  );
}

export function abortIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error("Build aborted");
}
