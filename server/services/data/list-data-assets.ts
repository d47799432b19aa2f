import { db } from "../../db";
import { versionView } from "./version-view";

/** The workspace's data assets by name, each with its latest version (archived ones only when asked). */
export async function listDataAssets(workspaceId: string, input: { isArchivedIncluded?: boolean } = {}) {
  const where = input.isArchivedIncluded ? {} : { isArchived: false };
  const assets = await db().dataAsset.findMany({
    where: { workspaceId },
    orderBy: { name: "asc" },
    include: { versions: { where, orderBy: { version: "desc" }, take: 1 }, _count: { select: { versions: true } } },
  });
  return assets
    .filter((a) => a.versions.length > 0)
    .map((a) => ({
      id: a.id,
      name: a.name,
      description: a.description,
      tags: a.tags as Record<string, string>,
      versionCount: a._count.versions,
      latest: versionView(a, a.versions[0]!),
    }));
}
