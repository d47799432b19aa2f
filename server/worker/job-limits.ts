import type { TEnvironmentSpec } from "../services/environments/environment-spec";
import { JOB_USER, type TContainerLimits } from "./container-config";

type TJobRequest = { cpu: number | null; memoryBytes: bigint | null; gpus: number };
type THostDefaults = { defaultCpu: number; defaultMemoryBytes: bigint };

/** What a job's container may use: its own request, else its host's default, never unlimited. */
export function jobLimits(job: TJobRequest, host: THostDefaults): TContainerLimits {
  return {
    cpu: job.cpu ?? host.defaultCpu,
    memoryBytes: Number(job.memoryBytes ?? host.defaultMemoryBytes),
    gpus: job.gpus,
  };
}

/** The user a job runs as: the environment's, else 1000:1000; never root. */
export function jobUser(spec: Pick<TEnvironmentSpec, "user">): string {
  return spec.user ?? JOB_USER;
}
