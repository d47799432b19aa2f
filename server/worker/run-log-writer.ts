import "server-only";
import { db } from "../db";
import { CHANNELS } from "../database/notifications";
import { ConsoleLineSplitter } from "./console-lines";

export type TLogStream = "stdout" | "stderr" | "system";
type TLine = { seq: number; stream: TLogStream; text: string; time: Date };

// Short enough that a viewer sees a line within ~100 ms; at 1,000 lines/s a batch is still ~40 lines.
const FLUSH_MS = 40;
const FLUSH_LINES = 1000;

/**
 * Buffers a run's console lines and writes them in order with sequence numbers, a batch at a
 * time, notifying viewers after each batch. The Docker log cursor is saved in the same
 * transaction as the lines it covers, so a worker that re-attaches neither loses nor repeats any.
 */
export class RunLogWriter {
  private buffer: TLine[] = [];
  private cursor: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly splitters = { stdout: new ConsoleLineSplitter(), stderr: new ConsoleLineSplitter(), system: new ConsoleLineSplitter() };

  private constructor(
    private readonly runId: string,
    private nextSeq: number,
  ) {}

  static async open(runId: string): Promise<RunLogWriter> {
    const [row] = await db().$queryRaw<{ max: number | null }[]>`SELECT max("seq") AS "max" FROM "RunLogLine" WHERE "runId" = ${runId}`;
    return new RunLogWriter(runId, (row?.max ?? 0) + 1);
  }

  /** Raw output of one stream; `cursor` is the Docker timestamp it came with. */
  write(stream: TLogStream, text: string, time = new Date(), cursor?: string): void {
    for (const line of this.splitters[stream].push(text)) this.buffer.push({ seq: this.nextSeq++, stream, text: line, time });
    if (cursor) this.cursor = cursor;
    this.schedule();
  }

  /** A line of Crucible's own (preparing, status, errors), shown in the run's console. */
  system(line: string): void {
    this.write("system", `${line}\n`);
  }

  private schedule(): void {
    if (this.buffer.length >= FLUSH_LINES) {
      void this.flush();
      return;
    }
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const lines = this.buffer;
    const cursor = this.cursor;
    this.buffer = [];
    // A failed write is reported and the chain goes on; the cursor is not advanced past it, so a
    // re-attaching worker reads those lines again from Docker.
    this.flushing = this.flushing.then(() => this.insert(lines, cursor)).catch((error) => console.error(`run ${this.runId}: could not store log lines:`, error));
    await this.flushing;
  }

  /** Flushes what an unterminated last line left behind too. */
  async close(): Promise<void> {
    for (const stream of ["stdout", "stderr", "system"] as const) {
      for (const line of this.splitters[stream].flush()) this.buffer.push({ seq: this.nextSeq++, stream, text: line, time: new Date() });
    }
    await this.flush();
  }

  private async insert(lines: TLine[], cursor: string | null): Promise<void> {
    if (lines.length === 0 && !cursor) return;
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
