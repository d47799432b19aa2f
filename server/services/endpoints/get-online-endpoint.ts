import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { TTrafficMap } from "./endpoint-input";
import { DEPLOYMENT_VIEW_INCLUDE, scoringPath, toDeploymentView, type TOnlineEndpointView } from "./endpoint-views";
import { findOnlineEndpoint } from "./find-online-endpoint";

/** An endpoint with its deployments and their instances; never its keys. */
export async function getOnlineEndpoint(
  workspaceId: string,
  name: string,
  tx: Prisma.TransactionClient = db(),
): Promise<TOnlineEndpointView> {
  const endpoint = await findOnlineEndpoint(workspaceId, name, tx);
  const [workspace, deployments] = await Promise.all([
    tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true } }),
    tx.onlineDeployment.findMany({
      where: { endpointId: endpoint.id },
      include: DEPLOYMENT_VIEW_INCLUDE,
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return {
    id: endpoint.id,
    name: endpoint.name,
    description: endpoint.description,
    auth_mode: endpoint.authMode,
    scoring_uri: scoringPath(workspace.name, endpoint.name),
    traffic: endpoint.traffic as TTrafficMap,
    mirror_traffic: endpoint.mirrorTraffic as TTrafficMap,
    deployments: deployments.map((d) => toDeploymentView(endpoint.name, d)),
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  };
}
