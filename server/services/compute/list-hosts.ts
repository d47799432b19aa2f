import { db } from "../../db";
import { hostReservations } from "./host-reservations";
import { ACTIVE_JOBS_INCLUDE, hostUsageView } from "./host-usage";

/**
 * The hosts shared with a workspace, read-only: status, capacity, its own runs. Endpoints and
 * credentials stay with the site's admins.
 */
export async function listHosts(workspaceId: string) {
  const hosts = await db().computeHost.findMany({
    where: { shares: { some: { workspaceId } } },
    orderBy: { name: "asc" },
    include: { jobs: ACTIVE_JOBS_INCLUDE },
  });
  const held = await hostReservations(
    db(),
    hosts.map((h) => h.id),
  );
  return hosts.map((host) => hostUsageView(host, held.get(host.id)!, workspaceId));
}
