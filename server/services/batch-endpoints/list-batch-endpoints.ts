import { db } from "../../db";
import { batchEndpointView, DEPLOYMENT_INCLUDE } from "./batch-endpoint-view";

export async function listBatchEndpoints(workspaceId: string) {
  const endpoints = await db().batchEndpoint.findMany({
    where: { workspaceId },
    orderBy: { name: "asc" },
    include: { deployments: { include: DEPLOYMENT_INCLUDE, orderBy: { name: "asc" } } },
  });
  return endpoints.map((e) => batchEndpointView(e, e.deployments));
}
