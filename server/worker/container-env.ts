import "server-only";
import { env } from "../env";
import { SDK_DIR } from "./container-files";
import { METRICS_FILE } from "./metrics-file";

export const HOME_DIR = "/crucible/home";

type TJobEnv = { workspaceId: string; runId: string; spec: unknown };

/**
 * A job's variables: the environment's, then the job's own (`environment_variables` in its YAML),
 * then Crucible's, which neither can override.
 */
export function containerEnv(
  job: TJobEnv,
  environmentVariables: Record<string, string>,
  token: string,
  networkMode: string,
): string[] {
  const url = env().CRUCIBLE_CONTAINER_URL ?? `http://127.0.0.1:${env().PORT}`;
  const jobVariables = ((job.spec as { environment_variables?: Record<string, string> } | null)
    ?.environment_variables ?? {}) as Record<string, string>;
  const values: Record<string, string> = {
    HOME: HOME_DIR,
    ...environmentVariables,
    ...jobVariables,
    CRUCIBLE_URL: url,
    CRUCIBLE_TOKEN: token,
    CRUCIBLE_WORKSPACE: job.workspaceId,
    CRUCIBLE_RUN_ID: job.runId,
    CRUCIBLE_OUTPUTS: "/crucible/outputs",
    CRUCIBLE_LOGS: "/crucible/logs",
    PYTHONPATH: SDK_DIR,
    PYTHONUNBUFFERED: "1",
    // Without a network the SDK cannot reach the studio: it writes to a file the worker reads.
    ...(networkMode === "none" ? { CRUCIBLE_METRICS_FILE: METRICS_FILE } : {}),
  };
  return Object.entries(values).map(([k, v]) => `${k}=${v}`);
}
