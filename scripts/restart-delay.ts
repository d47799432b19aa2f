/** 1 s, 2 s, 4 s … up to a minute: how long to wait before restarting a process that died `deaths` times in a row. */
export function restartDelayMs(deaths: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.min(Math.max(deaths - 1, 0), 6));
}

/** A process that ran this long before dying was healthy: its next restart starts the backoff over. */
export const HEALTHY_RUN_MS = 2 * 60_000;
