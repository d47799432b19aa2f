import { db } from "../../db";
import { hostReservations } from "./host-reservations";
import { ACTIVE_JOBS_INCLUDE, hostUsageView } from "./host-usage";

/** Every host with its endpoint, credential flags and the workspaces it is shared with: the admin's view. */
export async function listSiteHosts(hostId?: string) {
  const hosts = await db().computeHost.findMany({
    where: hostId ? { id: hostId } : {},
    orderBy: { name: "asc" },
    include: {
      jobs: ACTIVE_JOBS_INCLUDE,
      shares: { include: { workspace: { select: { id: true, name: true } } }, orderBy: { workspace: { name: "asc" } } },
    },
  });
  const held = await hostReservations(
    db(),
    hosts.map((h) => h.id),
  );
  return hosts.map((host) => ({
    ...hostUsageView(host, held.get(host.id)!, null),
    endpoint: host.endpoint,
    hasTls: host.tlsKeyEncrypted !== null,
    hasSshKey: host.sshKeyEncrypted !== null,
    sshHostKey: host.sshHostKey,
    sharedWith: host.shares.map((s) => s.workspace),
  }));
}
