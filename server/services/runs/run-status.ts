import type { RunStatus } from "../../generated/prisma/client";

export const RUN_STATUSES = ["Queued", "Preparing", "Running", "Finalizing", "Completed", "Failed", "Canceled", "TimedOut"] as const satisfies readonly RunStatus[];
export const TERMINAL_STATUSES: readonly RunStatus[] = ["Completed", "Failed", "Canceled", "TimedOut"];
/** A job in these holds its host's capacity. */
export const ACTIVE_JOB_STATUSES = ["Preparing", "Running", "Finalizing"] as const satisfies readonly RunStatus[];

// MLflow's names, so its filters and clients map onto ours.
const MLFLOW_TO_OURS: Record<string, RunStatus> = {
  RUNNING: "Running",
  SCHEDULED: "Queued",
  FINISHED: "Completed",
  FAILED: "Failed",
  KILLED: "Canceled",
};

export function parseRunStatus(text: string): RunStatus | null {
  const upper = text.toUpperCase();
  return MLFLOW_TO_OURS[upper] ?? RUN_STATUSES.find((s) => s.toUpperCase() === upper) ?? null;
}
