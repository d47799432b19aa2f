import { db } from "../../db";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";

export async function findOnlineEndpoint(workspaceId: string, name: string, tx: Prisma.TransactionClient = db()) {
  const endpoint = await tx.onlineEndpoint.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
  if (!endpoint) throw new AppError("NOT_FOUND", `Online endpoint '${name}' not found`);
  return endpoint;
}
