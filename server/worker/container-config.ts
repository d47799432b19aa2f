import type Docker from "dockerode";

export const RUN_LABEL = "crucible.run-id";
export const INSTALLATION_LABEL = "crucible.installation";
export const JOB_USER = "1000:1000";
export const PIDS_LIMIT = 1024;
// Docker's own copy of a container's output (the worker stores it in PostgreSQL as it comes).
export const LOG_CONFIG = { Type: "json-file", Config: { "max-size": "20m", "max-file": "2" } };

export type TContainerLimits = { cpu: number; memoryBytes: number; gpus: number };

export type TContainerPlan = {
  name: string;
  image: string;
  command: string;
  workingDir: string;
  env: string[];
  user: string;
  networkMode: string;
  limits: TContainerLimits;
  labels: Record<string, string>;
};

/**
 * The isolation every container the worker makes shares (jobs, image build steps, probes): no
 * capabilities, no privilege escalation, bounded processes, memory, CPU and log files, and no
 * mounts at all, so nothing of the host's file system, and no Docker socket, is reachable.
 */
export function isolatedHostConfig(
  networkMode: string,
  limits: Pick<TContainerLimits, "cpu" | "memoryBytes">,
): Docker.HostConfig {
  return {
    NetworkMode: networkMode,
    Privileged: false,
    CapDrop: ["ALL"],
    SecurityOpt: ["no-new-privileges"],
    PidsLimit: PIDS_LIMIT,
    NanoCpus: Math.round(limits.cpu * 1e9),
    Memory: limits.memoryBytes,
    MemorySwap: limits.memoryBytes,
    LogConfig: LOG_CONFIG,
    Binds: [],
  };
}

/**
 * How every job container is made: the shared isolation, as a non-root user; code and outputs
 * are copied in and out.
 */
export function containerOptions(plan: TContainerPlan): Docker.ContainerCreateOptions {
  return {
    name: plan.name,
    Image: plan.image,
    Cmd: ["/bin/sh", "-c", plan.command],
    WorkingDir: plan.workingDir,
    Env: plan.env,
    User: plan.user,
    Labels: plan.labels,
    Tty: false,
    HostConfig: {
      ...isolatedHostConfig(plan.networkMode, plan.limits),
      Init: true,
      DeviceRequests:
        plan.limits.gpus > 0 ? [{ Driver: "nvidia", Count: plan.limits.gpus, Capabilities: [["gpu"]] }] : undefined,
    },
  };
}
