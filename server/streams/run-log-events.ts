import "server-only";
import { db } from "../db";
import { RUN_LOG_CHANNEL } from "../jobs/job-notifications";
import { TERMINAL_STATUSES } from "../services/runs/run-status";
import { listen } from "./pg-listener";

const PAGE = 1000;
const KEEPALIVE_MS = 15_000;
// A safety net under NOTIFY: a status change with no log line still gets noticed.
const POLL_MS = 3000;

export type TRunLogEvent =
  | { kind: "line"; seq: number; stream: string; text: string; time: Date }
  | { kind: "status"; status: string }
  | { kind: "keepalive" }
  | { kind: "end"; status: string };

/**
 * A run's console from after `afterSeq`, then live: lines as they are stored (any worker, any
 * studio instance, through PostgreSQL LISTEN/NOTIFY), status changes, keepalives, and an end
 * event once the run has ended and every line was sent.
 */
export async function* runLogEvents(runId: string, afterSeq: number, signal: AbortSignal): AsyncGenerator<TRunLogEvent> {
  let wake: (() => void) | null = null;
  let isPending = true;
  const unlisten = await listen(RUN_LOG_CHANNEL, (payload) => {
    if (payload && payload !== runId) return;
    isPending = true;
    wake?.();
  });
  const onAbort = () => wake?.();
  signal.addEventListener("abort", onAbort);
  let last = afterSeq;
  let lastStatus: string | null = null;
  try {
    while (!signal.aborted) {
      if (isPending) {
        isPending = false;
        for (;;) {
          const lines = await db().$queryRaw<{ seq: number; stream: string; text: string; time: Date }[]>`
            SELECT "seq", "stream", "text", "time" FROM "RunLogLine" WHERE "runId" = ${runId} AND "seq" > ${last} ORDER BY "seq" LIMIT ${PAGE}`;
          for (const line of lines) yield { kind: "line", ...line };
          last = lines.at(-1)?.seq ?? last;
          if (lines.length < PAGE) break;
        }
        const run = await db().run.findUnique({ where: { id: runId }, select: { status: true } });
        const status = run?.status ?? "Canceled";
        if (status !== lastStatus) {
          lastStatus = status;
          yield { kind: "status", status };
        }
        if (TERMINAL_STATUSES.includes(status as never)) {
          // A last look: lines written just before the status changed.
          const [rest] = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "RunLogLine" WHERE "runId" = ${runId} AND "seq" > ${last}`;
          if ((rest?.n ?? 0) === 0) {
            yield { kind: "end", status };
            return;
          }
          isPending = true;
          continue;
        }
      }
      const woke = await new Promise<boolean>((resolve) => {
        const keepalive = setTimeout(() => resolve(false), KEEPALIVE_MS);
        const poll = setTimeout(() => {
          isPending = true;
          resolve(true);
        }, POLL_MS);
        wake = () => {
          clearTimeout(keepalive);
          clearTimeout(poll);
          resolve(true);
        };
      });
      wake = null;
      if (!woke) yield { kind: "keepalive" };
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    await unlisten();
  }
}
