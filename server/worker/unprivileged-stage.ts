import "server-only";
import type Docker from "dockerode";
import type { TBuildContainerPlan } from "./build-container";
import { JOB_USER } from "./container-config";
import { runToEnd, withBuildContainer } from "./run-build-step";

export type TStage = {
  docker: Docker;
  name: string;
  from: string;
  /** Says what failed: "Image build failed: <title> exited with code N". */
  title: string;
  command: string[];
  networkMode: string;
  limits: TBuildContainerPlan["limits"];
  labels: Record<string, string>;
  /** A tar archive put at / before the command starts. */
  files: NodeJS.ReadableStream | null;
  emit: (text: string) => void;
  signal: AbortSignal;
};

/**
 * Runs `command` in a container made from `from`, as the job's user with no capabilities, then
 * hands the stopped container to `collect` (which copies out what it made) and removes it. Build
 * steps prepare files this way and let the engine put them in place, so none needs root's powers.
 */
export async function withUnprivilegedStage<T>(
  stage: TStage,
  collect: (container: Docker.Container) => Promise<T>,
): Promise<T> {
  const plan = {
    name: stage.name,
    image: stage.from,
    command: stage.command,
    user: JOB_USER,
    networkMode: stage.networkMode,
    limits: stage.limits,
    labels: stage.labels,
  };
  return withBuildContainer(stage.docker, plan, stage.signal, async (container) => {
    if (stage.files) await container.putArchive(stage.files, { path: "/" });
    await runToEnd(container, stage.title, stage.emit, stage.signal);
    return collect(container);
  });
}
