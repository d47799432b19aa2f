import { db } from "../../db";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { findOnlineEndpoint } from "./find-online-endpoint";

export async function findOnlineDeployment(
  workspaceId: string,
  endpointName: string,
  name: string,
  tx: Prisma.TransactionClient = db(),
) {
  const endpoint = await findOnlineEndpoint(workspaceId, endpointName, tx);
  const deployment = await tx.onlineDeployment.findUnique({
    where: { endpointId_name: { endpointId: endpoint.id, name } },
  });
  if (!deployment) throw new AppError("NOT_FOUND", `Endpoint '${endpointName}' has no deployment named '${name}'`);
  return { endpoint, deployment };
}
