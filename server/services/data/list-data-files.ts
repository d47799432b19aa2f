import { db } from "../../db";
import { findDataVersion } from "./find-data-version";

/** A version's files by path, a page at a time (`after` is the last path of the previous page). */
export async function listDataFiles(workspaceId: string, ref: string, page: { after?: string; limit?: number } = {}) {
  const { version } = await findDataVersion(workspaceId, ref);
  const limit = page.limit ?? 1000;
  const rows = await db().dataAssetFile.findMany({
    where: { versionId: version.id, ...(page.after ? { path: { gt: page.after } } : {}) },
    orderBy: { path: "asc" },
    take: limit + 1,
  });
  return {
    files: rows.slice(0, limit).map((f) => ({ path: f.path, size: Number(f.size), sha256: f.sha256 })),
    nextAfter: rows.length > limit ? rows[limit - 1]!.path : null,
  };
}
