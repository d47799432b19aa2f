import { db } from "../../db";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";

export async function findBatchEndpoint(workspaceId: string, name: string, tx: Prisma.TransactionClient = db()) {
  const endpoint = await tx.batchEndpoint.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
  if (!endpoint) throw new AppError("NOT_FOUND", `Batch endpoint '${name}' not found`);
  return endpoint;
}
