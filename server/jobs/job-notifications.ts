import "server-only";
import { db } from "../db";

// PostgreSQL channels shared by studio instances and workers.
export const JOBS_CHANNEL = "crucible_jobs";
export const RUN_LOG_CHANNEL = "crucible_run_log";

/** Wakes idle workers at once instead of at their next poll. */
export async function notifyJobsQueued(): Promise<void> {
  await db().$executeRaw`SELECT pg_notify(${JOBS_CHANNEL}, '')`;
}
