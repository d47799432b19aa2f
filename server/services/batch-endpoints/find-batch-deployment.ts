import { db } from "../../db";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { findBatchEndpoint } from "./find-batch-endpoint";

export async function findBatchDeployment(
  workspaceId: string,
  endpointName: string,
  name: string,
  tx: Prisma.TransactionClient = db(),
) {
  const endpoint = await findBatchEndpoint(workspaceId, endpointName, tx);
  const deployment = await tx.batchDeployment.findUnique({
    where: { endpointId_name: { endpointId: endpoint.id, name } },
  });
  if (!deployment) throw new AppError("NOT_FOUND", `Batch endpoint '${endpointName}' has no deployment '${name}'`);
  return { endpoint, deployment };
}
