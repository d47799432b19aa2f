import type Docker from "dockerode";
import { isolatedHostConfig, type TContainerLimits } from "./container-config";

/** On every build step's container (the build record's id) and its intermediate images; "" on finished images. */
export const BUILD_LABEL = "crucible.build";

// What apt-get and dpkg need as root: owning and moding files for other users and groups
// (CHOWN, DAC_OVERRIDE, FOWNER, FSETID), and switching to them, as apt's download sandbox and
// maintainer scripts do (SETUID, SETGID). No raw network, mounts, ptrace or kernel knobs.
export const BUILD_CAPABILITIES = ["CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "SETUID", "SETGID"];

export type TBuildContainerPlan = {
  name: string;
  image: string;
  /** Run as the entrypoint, so committing never makes it the image's command; null for a step that runs nothing. */
  command: string[] | null;
  /** Root with BUILD_CAPABILITIES, or no capabilities at all. */
  hasCapabilities: boolean;
  /** "" runs as the image's own user when that is root (and keeps the image's user unset on commit). */
  user: string;
  networkMode: string;
  limits: Pick<TContainerLimits, "cpu" | "memoryBytes">;
  labels: Record<string, string>;
};

/** A build step's container: a job container's isolation, as root, with only the capabilities the step needs. */
export function buildContainerOptions(plan: TBuildContainerPlan): Docker.ContainerCreateOptions {
  return {
    name: plan.name,
    Image: plan.image,
    Entrypoint: plan.command ?? ["/bin/true"],
    User: plan.user,
    Labels: plan.labels,
    Tty: false,
    HostConfig: {
      ...isolatedHostConfig(plan.networkMode, plan.limits),
      CapAdd: plan.hasCapabilities ? BUILD_CAPABILITIES : [],
      AutoRemove: false,
    },
  };
}
