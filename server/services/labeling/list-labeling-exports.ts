import { db } from "../../db";

/** Exports still marked running after this long were cut off by a restart; they are shown failed. */
const STALE_MS = 60 * 60 * 1000;

/** A project's exports, newest first, with their progress and the data version each made. */
export async function listLabelingExports(projectId: string) {
  await db().labelingExport.updateMany({
    where: { projectId, status: { in: ["queued", "running"] }, createdAt: { lt: new Date(Date.now() - STALE_MS) } },
    data: { status: "failed", error: "Stopped before it finished (the studio restarted); start it again" },
  });
  const rows = await db().labelingExport.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, take: 50 });
  return rows.map((r) => ({
    id: r.id,
    format: r.format,
    assetName: r.assetName,
    status: r.status as "queued" | "running" | "done" | "failed",
    done: r.done,
    total: r.total,
    dataVersion: r.dataVersion,
    error: r.error,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
  }));
}
