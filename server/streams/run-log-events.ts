import "server-only";
import { CHANNELS } from "../database/notifications";
import { listen } from "../database/pg-listener";
import { db } from "../db";
import { isTerminal } from "../services/runs/run-status";

const PAGE = 1000;
export const KEEPALIVE_MS = 15_000;

export type TRunLogEvent =
  | { kind: "line"; seq: number; stream: string; text: string; time: Date }
  | { kind: "status"; status: string }
  | { kind: "keepalive" }
  | { kind: "end"; status: string };

/**
 * A run's console from after `afterSeq`, then live: lines as they are stored and status changes,
 * each announced on the run's channel by whichever worker or studio instance made it (a dropped
 * LISTEN connection wakes every stream once it is back); a keepalive after 15 s of silence; and
 * an end event once the run has ended and every line was sent. Nothing is polled.
 */
export async function* runLogEvents(
  runId: string,
  afterSeq: number,
  signal: AbortSignal,
  keepaliveMs = KEEPALIVE_MS,
): AsyncGenerator<TRunLogEvent> {
  let wake: (() => void) | null = null;
  let isPending = true;
  const unlisten = await listen(CHANNELS.run, (payload) => {
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
        if (isTerminal(status)) {
          // A last look: lines written just before the status changed.
          const [rest] = await db().$queryRaw<
            { n: number }[]
          >`SELECT count(*)::int AS "n" FROM "RunLogLine" WHERE "runId" = ${runId} AND "seq" > ${last}`;
          if ((rest?.n ?? 0) === 0) {
            yield { kind: "end", status };
            return;
          }
          isPending = true;
          continue;
        }
      }
      const isWoken = await new Promise<boolean>((resolve) => {
        const keepalive = setTimeout(() => resolve(false), keepaliveMs);
        wake = () => {
          clearTimeout(keepalive);
          resolve(true);
        };
        if (isPending || signal.aborted) wake();
      });
      wake = null;
      if (!isWoken) yield { kind: "keepalive" };
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    await unlisten();
  }
}
