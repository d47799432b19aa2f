import "server-only";
import { CHANNELS } from "../database/notifications";
import { listen } from "../database/pg-listener";
import { db } from "../db";
import { isTerminal } from "../services/runs/run-status";

/** Why a worker must stop a run's build or container before it ends by itself. */
export type TStopReason = "cancel" | "timeout" | "ended" | "gone";

/**
 * Watches one run for what stops it: a cancel request, its time limit (counted from when it
 * started preparing, so image builds count), or an end by another path (a status set through an
 * API, a purge, its workspace deleted). Driven by the run's notices, with no polling; a dropped
 * LISTEN connection re-checks when it is back. `signal` aborts with the reason.
 */
export class RunControl {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private checking: Promise<void> = Promise.resolve();

  private constructor(
    private readonly runId: string,
    private readonly deadline: number | null,
  ) {}

  static async start(runId: string, timeoutS: number | null, since: Date): Promise<RunControl> {
    const control = new RunControl(runId, timeoutS ? since.getTime() + timeoutS * 1000 : null);
    control.unlisten = await listen(CHANNELS.run, (payload) => {
      if (payload === "" || payload === runId) control.check();
    });
    if (control.deadline !== null) {
      // setTimeout cannot wait longer than 2^31-1 ms; a longer limit re-arms.
      const arm = () => {
        const left = control.deadline! - Date.now();
        if (left <= 0) return control.stop("timeout");
        control.timer = setTimeout(arm, Math.min(left, 2 ** 31 - 1));
      };
      arm();
    }
    control.check();
    return control;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get reason(): TStopReason | null {
    return this.controller.signal.aborted ? (this.controller.signal.reason as TStopReason) : null;
  }

  /** Looks at the run now (also after a container exits by itself, as a sweep may have removed it). */
  check(): Promise<void> {
    this.checking = this.checking
      .then(async () => {
        if (this.controller.signal.aborted) return;
        const [row] = await db().$queryRaw<{ status: string; cancelRequestedAt: Date | null }[]>`
        SELECT r."status"::text AS "status", j."cancelRequestedAt" FROM "Job" j JOIN "Run" r ON r."id" = j."runId" WHERE j."runId" = ${this.runId}`;
        if (!row) this.stop("gone");
        else if (isTerminal(row.status)) this.stop("ended");
        else if (row.cancelRequestedAt) this.stop("cancel");
        else if (this.deadline !== null && Date.now() >= this.deadline) this.stop("timeout");
      })
      .catch((error) => console.error(`run ${this.runId}: control check failed`, error));
    return this.checking;
  }

  private stop(reason: TStopReason): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.unlisten?.();
    await this.checking;
  }
}
