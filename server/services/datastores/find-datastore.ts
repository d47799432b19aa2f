import { db } from "../../db";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { WITH_COUNTS } from "./datastore-view";

/** The workspace's datastore by id, or NOT_FOUND. */
export async function findDatastore(workspaceId: string, datastoreId: string, tx: Prisma.TransactionClient = db()) {
  const row = await tx.datastore.findFirst({ where: { id: datastoreId, workspaceId }, include: WITH_COUNTS });
  if (!row) throw new AppError("NOT_FOUND", `Datastore ${datastoreId} not found`);
  return row;
}
