import { db } from "../../db";
import { ACTIVE_JOBS_INCLUDE, hostUsageView, LIVE_INSTANCES_INCLUDE } from "./host-usage";

/**
 * The hosts shared with a workspace, read-only: status, capacity, its own runs. Endpoints and
 * credentials stay with the site's admins.
 */
export async function listHosts(workspaceId: string) {
  const hosts = await db().computeHost.findMany({
    where: { shares: { some: { workspaceId } } },
    orderBy: { name: "asc" },
    include: { jobs: ACTIVE_JOBS_INCLUDE, endpointInstances: LIVE_INSTANCES_INCLUDE },
  });
  return hosts.map((host) => hostUsageView(host, workspaceId));
}
