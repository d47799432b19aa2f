import { db } from "../../db";

/** The workspace's environments and the curated ones, each with its versions (newest first) and builds. */
export async function listEnvironments(workspaceId: string) {
  const environments = await db().environment.findMany({
    where: { OR: [{ workspaceId }, { workspaceId: null }] },
    orderBy: [{ workspaceId: { sort: "asc", nulls: "last" } }, { name: "asc" }],
    include: { versions: { orderBy: { version: "desc" } } },
  });
  const hashes = [...new Set(environments.flatMap((e) => e.versions.map((v) => v.hash)))];
  // Builds are per host, and only this workspace's hosts are its business.
  const hosts = await db().computeHost.findMany({ where: { shares: { some: { workspaceId } } }, select: { id: true } });
  const builds = await db().environmentBuild.findMany({
    where: { hash: { in: hashes }, hostId: { in: hosts.map((h) => h.id) } },
    orderBy: { startedAt: "desc" },
    select: { id: true, hash: true, hostId: true, runId: true, status: true, startedAt: true, endedAt: true },
  });
  return environments.map((e) => ({
    id: e.id,
    name: e.name,
    description: e.description,
    isCurated: e.workspaceId === null,
    createdAt: e.createdAt,
    versions: e.versions.map((v) => ({
      id: v.id,
      version: v.version,
      spec: v.spec,
      hash: v.hash,
      createdAt: v.createdAt,
      builds: builds.filter((b) => b.hash === v.hash).slice(0, 10),
    })),
  }));
}
