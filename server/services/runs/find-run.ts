import type { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import { AppError } from "../../errors";

/** A run of this workspace (deleted ones included); NOT_FOUND otherwise. */
export async function findRun(workspaceId: string, runId: string, tx: Prisma.TransactionClient = db()) {
  const run = await tx.run.findFirst({ where: { id: runId, workspaceId } });
  if (!run) throw new AppError("NOT_FOUND", `Run ${runId} not found`);
  return run;
}
