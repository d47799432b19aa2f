import "server-only";
import { db } from "../db";

const FLUSH_MS = 1000;
// Past this many unwritten rows (the database away), the oldest are dropped rather than the router's memory.
const MAX_PENDING = 100_000;

type TPending = { deploymentIds: string[]; ats: Date[]; statuses: number[]; latencies: number[]; isMirrors: boolean[] };

let pending: TPending = empty();
let timer: NodeJS.Timeout | null = null;
let flushing: Promise<void> = Promise.resolve();

function empty(): TPending {
  return { deploymentIds: [], ats: [], statuses: [], latencies: [], isMirrors: [] };
}

/** Notes one scored request; rows go to PostgreSQL once a second in one statement. */
export function recordRequestStat(deploymentId: string, status: number, latencyMs: number, isMirror: boolean): void {
  if (pending.deploymentIds.length >= MAX_PENDING) return;
  pending.deploymentIds.push(deploymentId);
  pending.ats.push(new Date());
  pending.statuses.push(status);
  pending.latencies.push(latencyMs);
  pending.isMirrors.push(isMirror);
  timer ??= setTimeout(() => void flushRequestStats(), FLUSH_MS).unref();
}

/** Writes what is noted (tests and shutdown call it; the timer does otherwise). */
export function flushRequestStats(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = pending;
  pending = empty();
  flushing = flushing.then(async () => {
    if (batch.deploymentIds.length === 0) return;
    await db().$executeRaw`
        INSERT INTO "EndpointRequestStat" ("deploymentId", "at", "status", "latencyMs", "isMirror")
        SELECT * FROM unnest(${batch.deploymentIds}::text[], ${batch.ats}::timestamptz[], ${batch.statuses}::int[],
                             ${batch.latencies}::real[], ${batch.isMirrors}::boolean[])`.catch((error: Error) =>
      console.error(`endpoint request stats: ${error.message}`),
    );
  });
  return flushing;
}
