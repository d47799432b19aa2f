import { db } from "../../db";
import type { TTrafficMap } from "./endpoint-input";
import { scoringPath } from "./endpoint-views";

/** The workspace's endpoints by name, with their deployments' names and states. */
export async function listOnlineEndpoints(workspaceId: string) {
  const [workspace, endpoints] = await Promise.all([
    db().workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true } }),
    db().onlineEndpoint.findMany({
      where: { workspaceId },
      orderBy: { name: "asc" },
      include: { deployments: { select: { name: true, state: true }, orderBy: { createdAt: "asc" } } },
    }),
  ]);
  return endpoints.map((e) => ({
    id: e.id,
    name: e.name,
    description: e.description,
    auth_mode: e.authMode,
    scoring_uri: scoringPath(workspace.name, e.name),
    traffic: e.traffic as TTrafficMap,
    mirror_traffic: e.mirrorTraffic as TTrafficMap,
    deployments: e.deployments,
    createdAt: e.createdAt,
  }));
}
