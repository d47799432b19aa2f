import type Docker from "dockerode";
import { isolatedHostConfig, type TContainerLimits } from "./container-config";

/** On every build step's container (the build record's id) and its intermediate images; "" on finished images. */
export const BUILD_LABEL = "crucible.build";

export type TBuildContainerPlan = {
  name: string;
  image: string;
  /** Run as the entrypoint, so committing never makes it the image's command; null for a step that runs nothing. */
  command: string[] | null;
  /** "" runs as the image's own user when that is root (and keeps the image's user unset on commit). */
  user: string;
  networkMode: string;
  limits: Pick<TContainerLimits, "cpu" | "memoryBytes">;
  labels: Record<string, string>;
};

/**
 * A build step's container: a job container's isolation, with no capabilities at all. Root in it
 * owns the image's files but cannot chown, bypass permissions or switch users.
 */
export function buildContainerOptions(plan: TBuildContainerPlan): Docker.ContainerCreateOptions {
  return {
    name: plan.name,
    Image: plan.image,
    Entrypoint: plan.command ?? ["/bin/true"],
    User: plan.user,
    Labels: plan.labels,
    Tty: false,
    HostConfig: { ...isolatedHostConfig(plan.networkMode, plan.limits), AutoRemove: false },
  };
}
