import { db } from "../../db";
import { AppError } from "../../errors";
import { readTableRows } from "../data/read-table-rows";
import { tableSource } from "../data/table-source";
import { TableProfiler } from "./table-profiler";

const PROGRESS_EVERY_MS = 500;

/**
 * Computes a claimed profile: the table's rows are streamed once through the profiler, progress
 * is written as they go (which also shows the worker is alive), and the result or the error is
 * recorded. Stopped through `signal`, the profile goes back to the queue for another worker.
 */
export async function runDataProfile(profileId: string, workerId: string, signal: AbortSignal): Promise<void> {
  const profile = await db().dataProfile.findUniqueOrThrow({
    where: { id: profileId },
    include: { version: { include: { asset: true } } },
  });
  const mine = { id: profileId, workerId };
  let reporting: Promise<unknown> = Promise.resolve();
  let lastReport = 0;
  try {
    const source = await tableSource(profile.version);
    if (!source.columns) throw new AppError("CONFLICT", "The table has no recorded columns");
    const profiler = new TableProfiler(source.columns);
    await readTableRows(profile.version.asset.workspaceId, source, (row) => profiler.add(row), {
      signal,
      onProgress: (fraction) => {
        if (Date.now() - lastReport < PROGRESS_EVERY_MS) return;
        lastReport = Date.now();
        reporting = reporting.then(() =>
          db().dataProfile.updateMany({ where: mine, data: { progress: Math.min(fraction, 0.99) } }),
        );
      },
    });
    await reporting;
    await db().dataProfile.updateMany({
      where: mine,
      data: { status: "done", progress: 1, result: profiler.result(), finishedAt: new Date() },
    });
  } catch (error) {
    await reporting.catch(() => undefined);
    if (signal.aborted) {
      await db().dataProfile.updateMany({ where: mine, data: { status: "queued", progress: 0, workerId: null } });
      return;
    }
    if (!(error instanceof AppError)) console.error(`data profile ${profileId}:`, error);
    await db().dataProfile.updateMany({
      where: mine,
      data: {
        status: "failed",
        error: error instanceof AppError ? error.message : "The profile failed; the worker's log has the details",
        finishedAt: new Date(),
      },
    });
  }
}
