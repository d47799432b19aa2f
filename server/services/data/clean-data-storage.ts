import fsp from "node:fs/promises";
import path from "node:path";
import { db } from "../../db";
import { env } from "../../env";
import { storeOf } from "../../storage/datastore-store";
import { blobKey } from "./blob-key";
import { blobLockKey } from "./store-blob";
import { uploadFolder } from "./upload-folder";

const DAY_MS = 24 * 3600 * 1000;

/**
 * Removes what failed or abandoned uploads left: expired sessions and their bytes, upload folders
 * no session owns, and blobs that no data or model version lists and no upload has used for a day (a blob is
 * stored before its version is recorded, so a blob of an upload still in flight is young).
 */
export async function cleanDataStorage(now = new Date()) {
  let sessions = 0;
  let blobs = 0;
  const expired = await db().dataUploadSession.findMany({ where: { expiresAt: { lt: now } }, select: { id: true } });
  for (const { id } of expired) {
    const removed = await db().dataUploadSession.deleteMany({ where: { id, expiresAt: { lt: now } } });
    if (removed.count > 0) {
      await fsp.rm(uploadFolder(id), { recursive: true, force: true });
      sessions++;
    }
  }
  const root = path.join(env().crucibleHome, "data-uploads");
  for (const entry of await fsp.readdir(root).catch(() => [] as string[])) {
    const folder = path.join(root, entry);
    const stat = await fsp.stat(folder).catch(() => null);
    if (!stat || now.getTime() - stat.mtimeMs < DAY_MS) continue;
    if (!(await db().dataUploadSession.findUnique({ where: { id: entry }, select: { id: true } })))
      await fsp.rm(folder, { recursive: true, force: true });
  }
  const cutoff = new Date(now.getTime() - DAY_MS);
  const candidates = await db().$queryRaw<{ workspaceId: string; sha256: string }[]>`
    SELECT b."workspaceId", b."sha256" FROM "DataBlob" b
    WHERE b."usedAt" < ${cutoff} AND NOT EXISTS (SELECT 1 FROM "DataAssetFile" f WHERE f."sha256" = b."sha256")
      AND NOT EXISTS (SELECT 1 FROM "ModelVersionFile" m WHERE m."sha256" = b."sha256")
    LIMIT 1000`;
  for (const blob of candidates) {
    await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${blobLockKey(blob.workspaceId, blob.sha256)}))`;
      const removed = await tx.$queryRaw<{ datastoreId: string }[]>`
        DELETE FROM "DataBlob" b WHERE b."workspaceId" = ${blob.workspaceId} AND b."sha256" = ${blob.sha256}
          AND b."usedAt" < ${cutoff}
          AND NOT EXISTS (
            SELECT 1 FROM "DataAssetFile" f
            JOIN "DataAssetVersion" v ON v."id" = f."versionId" AND v."referencePath" IS NULL
            JOIN "DataAsset" a ON a."id" = v."assetId" AND a."workspaceId" = b."workspaceId"
            WHERE f."sha256" = b."sha256")
          AND NOT EXISTS (
            SELECT 1 FROM "ModelVersionFile" f
            JOIN "ModelVersion" v ON v."id" = f."versionId"
            JOIN "RegisteredModel" m ON m."id" = v."modelId" AND m."workspaceId" = b."workspaceId"
            WHERE f."sha256" = b."sha256")
        RETURNING b."datastoreId"`;
      if (removed.length > 0) {
        // From the datastore the blob was on, which need not be today's default.
        const datastore = await tx.datastore.findUniqueOrThrow({ where: { id: removed[0]!.datastoreId } });
        await storeOf(datastore).removePrefix(blobKey(blob.workspaceId, blob.sha256));
        blobs++;
      }
    });
  }
  return { sessions, blobs };
}
