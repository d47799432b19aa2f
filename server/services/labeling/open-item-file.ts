import type { Readable } from "node:stream";
import { db } from "../../db";
import { AppError } from "../../errors";
import { dataFileLocations } from "../data/data-file-locations";

/** The stored bytes of an item's file, wherever its data version keeps them. */
export async function openItemFile(
  workspaceId: string,
  item: { versionId: string; path: string },
): Promise<{ stream: Readable; size: number; sha256: string }> {
  const version = await db().dataAssetVersion.findUnique({ where: { id: item.versionId } });
  const file = await db().dataAssetFile.findUnique({
    where: { versionId_path: { versionId: item.versionId, path: item.path } },
  });
  if (!version || !file) throw new AppError("NOT_FOUND", `The file '${item.path}' of this item is gone`);
  const [location] = await dataFileLocations(workspaceId, version, [file]);
  const object = await location!.store.read(location!.key);
  if (!object) throw new AppError("CONFLICT", `The stored bytes of '${item.path}' are missing`);
  return { ...object, sha256: file.sha256 };
}
