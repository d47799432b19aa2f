import { describe, expect, it } from "vitest";
import {
  canTransition,
  MLFLOW_TO_STATUS,
  parseRunStatus,
  RUN_STATUSES,
  STATUS_TO_MLFLOW,
  TERMINAL_STATUSES,
} from "./run-status";

describe("the run status transition table", () => {
  it("lets a job's run only move forward, and never out of an end", () => {
    expect(canTransition("Queued", "Preparing", true)).toBe(true);
    expect(canTransition("Preparing", "Queued", true)).toBe(true);
    expect(canTransition("Running", "Finalizing", true)).toBe(true);
    expect(canTransition("Finalizing", "Completed", true)).toBe(true);
    expect(canTransition("Running", "Completed", true)).toBe(false);
    expect(canTransition("Queued", "Running", true)).toBe(false);
    for (const end of TERMINAL_STATUSES)
      for (const to of RUN_STATUSES) expect(canTransition(end, to, true)).toBe(false);
  });

  it("lets a script's run end, and be resumed as MLflow's start_run(run_id=…) does", () => {
    expect(canTransition("Running", "Completed", false)).toBe(true);
    expect(canTransition("Completed", "Running", false)).toBe(true);
    expect(canTransition("Completed", "Queued", false)).toBe(false);
    expect(canTransition("Running", "Finalizing", false)).toBe(false);
  });

  it("maps MLflow's names both ways", () => {
    for (const [mlflow, ours] of Object.entries(MLFLOW_TO_STATUS)) expect(STATUS_TO_MLFLOW[ours]).toBe(mlflow);
    expect(parseRunStatus("finished")).toBe("Completed");
    expect(parseRunStatus("timedout")).toBe("TimedOut");
    expect(parseRunStatus("nope")).toBeNull();
  });
});
