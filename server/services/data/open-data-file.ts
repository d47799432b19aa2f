import { db } from "../../db";
import { AppError } from "../../errors";
import { dataFileLocations } from "./data-file-locations";
import { normaliseDataPath } from "./data-path";
import { findDataVersion } from "./find-data-version";

/** A stream of one file of a version (its only file when no path is given), for download. */
export async function openDataFile(workspaceId: string, ref: string, rawPath?: string) {
  const { version } = await findDataVersion(workspaceId, ref);
  const file = rawPath
    ? await db().dataAssetFile.findUnique({
        where: { versionId_path: { versionId: version.id, path: normaliseDataPath(rawPath) } },
      })
    : version.fileCount === 1
      ? await db().dataAssetFile.findFirst({ where: { versionId: version.id } })
      : null;
  if (!file) {
    throw new AppError(
      "NOT_FOUND",
      rawPath
        ? `'${rawPath}' is not a file of this version`
        : "This version has several files; name one, or download it whole",
    );
  }
  const [location] = await dataFileLocations(workspaceId, version, [file]);
  const object = await location!.store.read(location!.key);
  if (!object) throw new AppError("CONFLICT", `The stored bytes of '${file.path}' are missing`);
  return { path: file.path, size: object.size, sha256: file.sha256, stream: object.stream };
}
