import { db } from "../../db";
import { IMAGE_TYPES } from "./data-content-type";
import { findDataVersion } from "./find-data-version";

/** A version's image files by path, a page at a time (`after` is the last path of the previous page). */
export async function listDataImages(workspaceId: string, ref: string, page: { after?: string; limit?: number } = {}) {
  const { version } = await findDataVersion(workspaceId, ref);
  const limit = page.limit ?? 24;
  const rows = await db().dataAssetFile.findMany({
    where: {
      versionId: version.id,
      ...(page.after ? { path: { gt: page.after } } : {}),
      OR: Object.keys(IMAGE_TYPES).map((ext) => ({ path: { endsWith: `.${ext}`, mode: "insensitive" as const } })),
    },
    orderBy: { path: "asc" },
    take: limit + 1,
  });
  return {
    images: rows.slice(0, limit).map((f) => ({ path: f.path, size: Number(f.size) })),
    nextAfter: rows.length > limit ? rows[limit - 1]!.path : null,
  };
}
