import type { RunStatus } from "../generated/prisma/client";

export type TExitState = { exitCode: number; isOomKilled: boolean };
export type TOutcome = { status: RunStatus; reason: string | null };

/** The run's final status from how its container ended and what was asked of it. */
export function jobOutcome(
  exit: TExitState,
  stopReason: "cancel" | "timeout" | null,
  limits: { timeoutS: number | null; memoryBytes: number | null },
): TOutcome {
  if (stopReason === "cancel") return { status: "Canceled", reason: "Canceled by request" };
  if (stopReason === "timeout") return { status: "TimedOut", reason: `Ran past limits.timeout (${limits.timeoutS} s)` };
  if (exit.isOomKilled) {
    const limit = limits.memoryBytes ? ` of ${Math.round(limits.memoryBytes / 1024 / 1024)} MiB` : "";
    return {
      status: "Failed",
      reason: `Out of memory: the container went over its memory limit${limit} and was killed`,
    };
  }
  if (exit.exitCode === 0) return { status: "Completed", reason: null };
  if (exit.exitCode === 137) return { status: "Failed", reason: "Killed (exit code 137)" };
  return { status: "Failed", reason: `The command exited with code ${exit.exitCode}` };
}
