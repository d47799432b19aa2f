import type { TEnvironmentSpec } from "../services/environments/environment-spec";
import { JOB_USER, type TContainerLimits } from "./container-config";

// For a job that asks for nothing and a host that sets no default of its own.
export const DEFAULT_CPU = 1;
export const DEFAULT_MEMORY_BYTES = 2 * 1024 ** 3;

type TJobRequest = { cpu: number | null; memoryBytes: bigint | null; gpus: number };
type THostDefaults = { id: string; defaultCpu?: number | null; defaultMemoryBytes?: bigint | null };

/** What a job's container may use: its own request, else its host's default, never unlimited. */
export function jobLimits(job: TJobRequest, host: THostDefaults): TContainerLimits {
  return {
    cpu: job.cpu ?? host.defaultCpu ?? DEFAULT_CPU,
    memoryBytes: Number(job.memoryBytes ?? host.defaultMemoryBytes ?? DEFAULT_MEMORY_BYTES),
    gpus: job.gpus,
  };
}

/** The user a job runs as: the environment's, else 1000:1000; never root. */
export function jobUser(spec: Pick<TEnvironmentSpec, "user">): string {
  return spec.user ?? JOB_USER;
}
