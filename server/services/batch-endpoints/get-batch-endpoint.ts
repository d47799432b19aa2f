import { db } from "../../db";
import { batchEndpointView, DEPLOYMENT_INCLUDE } from "./batch-endpoint-view";
import { findBatchEndpoint } from "./find-batch-endpoint";

export async function getBatchEndpoint(workspaceId: string, name: string) {
  const endpoint = await findBatchEndpoint(workspaceId, name);
  const deployments = await db().batchDeployment.findMany({
    where: { endpointId: endpoint.id },
    include: DEPLOYMENT_INCLUDE,
    orderBy: { name: "asc" },
  });
  return batchEndpointView(endpoint, deployments);
}
