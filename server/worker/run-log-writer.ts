import "server-only";
import { db } from "../db";
import { CHANNELS } from "../database/notifications";
import { env } from "../env";
import { ConsoleLineSplitter } from "./console-lines";

export type TLogStream = "stdout" | "stderr" | "system";
type TLine = { seq: number; stream: TLogStream; text: string; time: Date };

export type TRunLogWriterOptions = {
  /** Lines a run keeps; later ones are counted and dropped. Default: CRUCIBLE_RUN_LOG_MAX_LINES. */
  maxLines?: number;
};

// Short enough that a viewer sees a line within ~100 ms; at 1,000 lines/s a batch is still ~40 lines.
const FLUSH_MS = 40;
const FLUSH_LINES = 1000;
// One statement stays small even after a long database outage has filled the buffer.
const MAX_LINES_PER_INSERT = 5000;
const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 5000;
// close() is the last chance to store what is buffered: the container is gone afterwards.
const CLOSE_ATTEMPTS = 8;

/**
 * Buffers a run's console lines and writes them in order with sequence numbers, a batch at a
 * time, notifying viewers after each batch. The Docker log cursor is saved in the same
 * transaction as the lines it covers, so a worker that re-attaches neither loses nor repeats any.
 * Lines whose insert failed stay buffered, ahead of later ones, and are retried: the cursor is
 * only saved with every line before it stored, so nothing is skipped and no seq is missing.
 */
export class RunLogWriter {
  private buffer: TLine[] = [];
  private cursor: string | null = null;
  private storedCursor: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private failures = 0;
  private dropped = 0;
  private readonly splitters = {
    stdout: new ConsoleLineSplitter(),
    stderr: new ConsoleLineSplitter(),
    system: new ConsoleLineSplitter(),
  };

  private constructor(
    private readonly runId: string,
    private nextSeq: number,
    private readonly maxLines: number,
  ) {}

  static async open(runId: string, options: TRunLogWriterOptions = {}): Promise<RunLogWriter> {
    const [row] = await db().$queryRaw<
      { max: number | null }[]
    >`SELECT max("seq") AS "max" FROM "RunLogLine" WHERE "runId" = ${runId}`;
    return new RunLogWriter(runId, (row?.max ?? 0) + 1, options.maxLines ?? env().CRUCIBLE_RUN_LOG_MAX_LINES);
  }

  /** Raw output of one stream; `cursor` is the Docker timestamp it came with. */
  write(stream: TLogStream, text: string, time = new Date(), cursor?: string): void {
    for (const line of this.splitters[stream].push(text)) {
      if (this.nextSeq <= this.maxLines) this.add(stream, line, time);
      else if (this.dropped++ === 0)
        this.add(
          "system",
          `Log limit of ${this.maxLines.toLocaleString("en")} lines reached: later lines are not kept`,
          time,
        );
    }
    if (cursor) this.cursor = cursor;
    this.schedule();
  }

  /** A line of Crucible's own (preparing, status, errors), shown in the run's console. Kept past the line limit: there are few. */
  system(line: string): void {
    for (const text of this.splitters.system.push(`${line}\n`)) this.add("system", text, new Date());
    this.schedule();
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing = this.flushing.then(() => this.store());
    await this.flushing;
  }

  /** Flushes what an unterminated last line left behind too, retrying a failed insert a few times. */
  async close(): Promise<void> {
    for (const stream of ["stdout", "stderr", "system"] as const) {
      for (const line of this.splitters[stream].flush()) this.add(stream, line, new Date());
    }
    if (this.dropped > 0) {
      this.add(
        "system",
        `${this.dropped.toLocaleString("en")} lines past the limit of ${this.maxLines.toLocaleString("en")} were dropped`,
        new Date(),
      );
      this.dropped = 0;
    }
    for (let attempt = 1; ; attempt++) {
      await this.flush();
      if (this.buffer.length === 0 || attempt === CLOSE_ATTEMPTS) return;
      await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs()));
    }
  }

  private add(stream: TLogStream, text: string, time: Date): void {
    this.buffer.push({ seq: this.nextSeq++, stream, text, time });
  }

  private schedule(): void {
    if (this.failures === 0 && this.buffer.length >= FLUSH_LINES) {
      void this.flush();
      return;
    }
    // After a failure the next try waits its backoff, however many lines arrive meanwhile.
    this.timer ??= setTimeout(() => void this.flush(), this.failures === 0 ? FLUSH_MS : this.retryDelayMs());
  }

  private retryDelayMs(): number {
    return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, this.failures - 1));
  }

  private async store(): Promise<void> {
    while (this.buffer.length > 0 || (this.cursor !== null && this.cursor !== this.storedCursor)) {
      const lines = this.buffer.slice(0, MAX_LINES_PER_INSERT);
      // The cursor covers every line written so far, so it goes only with the last of them.
      const cursor = lines.length === this.buffer.length ? this.cursor : null;
      this.buffer = this.buffer.slice(lines.length);
      try {
        await this.insert(lines, cursor);
      } catch (error) {
        if (await this.isRunGone()) {
          // Purged, or its workspace deleted: there is nowhere left to store its lines.
          this.buffer = [];
          return;
        }
        // Back in front of what arrived meanwhile, with their seq numbers: retried in order.
        this.buffer = lines.concat(this.buffer);
        this.failures++;
        console.error(`run ${this.runId}: could not store ${lines.length} log line(s), retrying:`, error);
        this.schedule();
        return;
      }
      this.failures = 0;
      if (cursor !== null) this.storedCursor = cursor;
    }
  }

  private async isRunGone(): Promise<boolean> {
    const rows = await db().$queryRaw<unknown[]>`SELECT 1 FROM "Run" WHERE "id" = ${this.runId}`.catch(() => [1]);
    return rows.length === 0;
  }

  private async insert(lines: TLine[], cursor: string | null): Promise<void> {
    await db().$transaction([
      db().$executeRaw`
        INSERT INTO "RunLogLine" ("runId", "seq", "stream", "text", "time")
        SELECT ${this.runId}, s, st, t, tm
        FROM unnest(${lines.map((l) => l.seq)}::int[], ${lines.map((l) => l.stream)}::text[], ${lines.map((l) => l.text.replaceAll("\u0000", ""))}::text[], ${lines.map((l) => l.time)}::timestamp[]) AS u(s, st, t, tm)
        ON CONFLICT DO NOTHING`,
      ...(cursor ? [db().$executeRaw`UPDATE "Job" SET "logCursor" = ${cursor} WHERE "runId" = ${this.runId}`] : []),
      db().$executeRaw`SELECT pg_notify(${CHANNELS.run}, ${this.runId})`,
    ]);
  }
}
