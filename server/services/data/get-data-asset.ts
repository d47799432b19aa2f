import { db } from "../../db";
import { AppError } from "../../errors";
import { userNames } from "../users/user-names";
import { versionView } from "./version-view";

/** One data asset with all its versions, newest first, archived ones included and marked, each with its creator's name. */
export async function getDataAsset(workspaceId: string, name: string) {
  const asset = await db().dataAsset.findUnique({
    where: { workspaceId_name: { workspaceId, name } },
    include: { versions: { orderBy: { version: "desc" } } },
  });
  if (!asset) throw new AppError("NOT_FOUND", `Data asset '${name}' not found`);
  const nameOf = await userNames(asset.versions.map((v) => v.createdById));
  return {
    id: asset.id,
    name: asset.name,
    description: asset.description,
    tags: asset.tags as Record<string, string>,
    createdAt: asset.createdAt,
    versions: asset.versions.map((v) => ({
      ...versionView(asset, v),
      createdByName: v.createdById ? (nameOf.get(v.createdById) ?? null) : null,
    })),
  };
}
