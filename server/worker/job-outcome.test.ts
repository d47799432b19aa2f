import { describe, expect, it } from "vitest";
import { jobOutcome } from "./job-outcome";

const limits = { timeoutS: 60, memoryBytes: 256 * 1024 * 1024 };

describe("jobOutcome", () => {
  it("lets a requested stop win over the exit code, then names out-of-memory, then reads the code", () => {
    expect(jobOutcome({ exitCode: 137, isOomKilled: false }, "cancel", limits)).toEqual({
      status: "Canceled",
      reason: "Canceled by request",
    });
    expect(jobOutcome({ exitCode: 143, isOomKilled: false }, "timeout", limits)).toEqual({
      status: "TimedOut",
      reason: "Ran past limits.timeout (60 s)",
    });
    expect(jobOutcome({ exitCode: 137, isOomKilled: true }, null, limits).reason).toBe(
      "Out of memory: the container went over its memory limit of 256 MiB and was killed",
    );
    expect(jobOutcome({ exitCode: 0, isOomKilled: false }, null, limits)).toEqual({
      status: "Completed",
      reason: null,
    });
    expect(jobOutcome({ exitCode: 137, isOomKilled: false }, null, limits).reason).toBe("Killed (exit code 137)");
    expect(jobOutcome({ exitCode: 2, isOomKilled: false }, null, limits)).toEqual({
      status: "Failed",
      reason: "The command exited with code 2",
    });
  });
});
