import { db } from "../db";
import { notifyJobsQueued } from "../database/notifications";

/** A job submitted with code waits for its snapshot; the upload releases it to the workers. */
export async function releaseJobAfterSnapshot(runId: string): Promise<void> {
  const { count } = await db().job.updateMany({ where: { runId, isReady: false }, data: { isReady: true } });
  if (count > 0) await notifyJobsQueued();
}
