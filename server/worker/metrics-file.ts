import "server-only";
import type Docker from "dockerode";
import { logBatch, type TBatch } from "../services/runs/log-batch";
import { AppError } from "../errors";
import { ZEntityKey } from "../services/runs/limits";
import { ZMetricValue } from "../services/runs/metric-value";
import { readContainerFile } from "./container-files";

// Where the SDK writes when the container has no network (CRUCIBLE_METRICS_FILE).
export const METRICS_FILE = "/crucible/run/metrics.jsonl";
export const METRICS_FILE_POLL_MS = 3000;
const CHUNK_LINES = 100;
const MAX_FILE_BYTES = 512 * 1024 * 1024;

/**
 * Reads a network-less job's metrics file into its run, a fixed chunk of lines at a time. Each
 * chunk is sent with a batch id made from its first line, so reading the file again (a
 * re-attached worker, the final read) never logs a line twice; only the final read sends a
 * partial chunk.
 */
export class MetricsFileReader {
  private sentLines = 0;

  constructor(
    private readonly container: Docker.Container,
    private readonly workspaceId: string,
    private readonly runId: string,
    /** A chunk the run refuses (a param changed, a bad key) is reported here and skipped. */
    private readonly onRefused: (message: string) => void,
  ) {}

  async read(isFinal: boolean): Promise<void> {
    const text = await readContainerFile(this.container, METRICS_FILE, MAX_FILE_BYTES);
    if (text === null) return;
    const lines = text.split("\n");
    // The last element is an unterminated line (or ""): only the final read takes it.
    const complete = isFinal ? lines.filter((l, i) => i < lines.length - 1 || l.trim() !== "") : lines.slice(0, -1);
    while (this.sentLines < complete.length) {
      const end = this.sentLines + CHUNK_LINES;
      if (end > complete.length && !isFinal) break;
      try {
        await logBatch(this.workspaceId, this.runId, {
          ...toBatch(complete.slice(this.sentLines, end)),
          batchId: `metrics-file:${this.sentLines}`,
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        this.onRefused(
          `Metrics file lines ${this.sentLines + 1}-${Math.min(end, complete.length)} not logged: ${error.message}`,
        );
      }
      this.sentLines = Math.min(end, complete.length);
    }
  }
}

/** Records as the SDK's FileLogger writes them; a line that does not parse is skipped. */
function toBatch(lines: string[]): Omit<TBatch, "batchId"> {
  const batch: Omit<TBatch, "batchId"> = { metrics: [], params: [], tags: [] };
  for (const line of lines) {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const key = ZEntityKey.safeParse(record.metric ?? record.param ?? record.tag);
    if (!key.success) continue;
    if ("metric" in record) {
      const value = ZMetricValue.safeParse(record.value);
      if (value.success)
        batch.metrics.push({
          key: key.data,
          value: value.data,
          step: Math.trunc(Number(record.step)) || 0,
          timestamp: Number(record.timestamp) || Date.now(),
        });
    } else if ("param" in record) batch.params.push({ key: key.data, value: String(record.value) });
    else if ("tag" in record) batch.tags.push({ key: key.data, value: String(record.value) });
  }
  return batch;
}
