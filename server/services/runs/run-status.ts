import type { RunStatus } from "../../generated/prisma/client";

export const RUN_STATUSES = [
  "Queued",
  "Preparing",
  "Running",
  "Finalizing",
  "Completed",
  "Failed",
  "Canceled",
  "TimedOut",
] as const satisfies readonly RunStatus[];
export const TERMINAL_STATUSES: readonly RunStatus[] = ["Completed", "Failed", "Canceled", "TimedOut"];
/** A job in these holds its host's capacity. */
export const ACTIVE_JOB_STATUSES = ["Preparing", "Running", "Finalizing"] as const satisfies readonly RunStatus[];

export function isTerminal(status: RunStatus | string): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

/**
 * Every status change a run may make. A job's run is moved by its worker (and by cancel);
 * a run logged from a script or an MLflow client moves as its client says, and may be resumed
 * after it ended, as MLflow's `start_run(run_id=…)` does.
 */
const JOB_TRANSITIONS: Record<RunStatus, readonly RunStatus[]> = {
  Queued: ["Preparing", "Canceled"],
  // Back to Queued: an infrastructure failure before the container started is retried. Failed
  // directly: the host vanished. Every other end passes through Finalizing (outputs, token).
  Preparing: ["Queued", "Running", "Finalizing", "Failed"],
  Running: ["Finalizing", "Failed"],
  Finalizing: ["Completed", "Failed", "Canceled", "TimedOut"],
  Completed: [],
  Failed: [],
  Canceled: [],
  TimedOut: [],
};

const SCRIPT_TRANSITIONS: Record<RunStatus, readonly RunStatus[]> = {
  Queued: ["Running", "Completed", "Failed", "Canceled"],
  Preparing: ["Running", "Completed", "Failed", "Canceled"],
  Running: ["Completed", "Failed", "Canceled", "TimedOut"],
  Finalizing: ["Completed", "Failed", "Canceled"],
  Completed: ["Running"],
  Failed: ["Running"],
  Canceled: ["Running"],
  TimedOut: ["Running"],
};

export function canTransition(from: RunStatus, to: RunStatus, hasJob: boolean): boolean {
  return (hasJob ? JOB_TRANSITIONS : SCRIPT_TRANSITIONS)[from].includes(to);
}

// MLflow's names, so its clients and filters map onto ours.
export const STATUS_TO_MLFLOW: Record<RunStatus, string> = {
  Queued: "SCHEDULED",
  Preparing: "RUNNING",
  Running: "RUNNING",
  Finalizing: "RUNNING",
  Completed: "FINISHED",
  Failed: "FAILED",
  TimedOut: "FAILED",
  Canceled: "KILLED",
};

export const MLFLOW_TO_STATUS: Record<string, RunStatus> = {
  RUNNING: "Running",
  SCHEDULED: "Queued",
  FINISHED: "Completed",
  FAILED: "Failed",
  KILLED: "Canceled",
};

export function parseRunStatus(text: string): RunStatus | null {
  const upper = text.toUpperCase();
  return MLFLOW_TO_STATUS[upper] ?? RUN_STATUSES.find((s) => s.toUpperCase() === upper) ?? null;
}
