import { db } from "../../db";
import { AppError } from "../../errors";
import { findRun } from "./find-run";

export async function deleteRunTag(workspaceId: string, runId: string, key: string): Promise<void> {
  await findRun(workspaceId, runId);
  const { count } = await db().runTag.deleteMany({ where: { runId, key } });
  if (count === 0) throw new AppError("NOT_FOUND", `No tag '${key}' on run ${runId}`);
}
