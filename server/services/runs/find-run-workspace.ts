import { db } from "../../db";
import { AppError } from "../../errors";

/** For routes addressed by run id alone; the workspace check comes right after. */
export async function findRunWorkspace(runId: string): Promise<string> {
  const run = await db().run.findUnique({ where: { id: runId }, select: { workspaceId: true } });
  if (!run) throw new AppError("NOT_FOUND", `Run ${runId} not found`);
  return run.workspaceId;
}
