import { execFileSync } from "node:child_process";
import fs from "node:fs";

// The kernel counts CPU time in clock ticks, 100 a second on Linux.
const TICK_MS = 10;

/** The newest process whose command line matches `pattern` (pgrep -f), or null. */
export function newestPid(pattern: string): number | null {
  try {
    return Number(execFileSync("pgrep", ["-n", "-f", pattern], { encoding: "utf8" }).trim()) || null;
  } catch {
    return null;
  }
}

/** A process's CPU time so far (user and system, all its threads), in ms. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command's closing parenthesis, which may itself hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}
