import { db } from "../../db";
import { AppError } from "../../errors";
import { parseDataVersionRef } from "./data-version-ref";

/**
 * The version a reference names. `latest` is the newest version not archived, as Azure ML
 * resolves it; a pinned number finds archived versions too, so references keep working.
 */
export async function findDataVersion(workspaceId: string, rawRef: string) {
  const ref = parseDataVersionRef(rawRef);
  const asset = await db().dataAsset.findUnique({ where: { workspaceId_name: { workspaceId, name: ref.name } } });
  if (!asset) throw new AppError("NOT_FOUND", `Data asset '${ref.name}' not found`);
  const version =
    ref.version === "latest"
      ? await db().dataAssetVersion.findFirst({
          where: { assetId: asset.id, isArchived: false },
          orderBy: { version: "desc" },
        })
      : await db().dataAssetVersion.findUnique({
          where: { assetId_version: { assetId: asset.id, version: ref.version } },
        });
  if (!version) {
    throw new AppError(
      "NOT_FOUND",
      ref.version === "latest"
        ? `Data asset '${ref.name}' has no version that is not archived`
        : `Data asset '${ref.name}' has no version ${ref.version}`,
    );
  }
  return { asset, version };
}
