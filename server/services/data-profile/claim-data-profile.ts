import { db } from "../../db";

/** A running profile whose worker has not reported for this long is taken over. */
export const PROFILE_STALE_S = 120;

/**
 * Makes the oldest queued profile (or one whose worker stopped reporting) this worker's, or
 * answers null. SKIP LOCKED: two workers never take the same one.
 */
export async function claimDataProfile(workerId: string, workspaceIds: string[] | null): Promise<string | null> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    UPDATE "DataProfile" p
    SET "status" = 'running', "workerId" = ${workerId}, "startedAt" = now(), "updatedAt" = now(), "progress" = 0
    WHERE p."id" = (
      SELECT q."id" FROM "DataProfile" q
      JOIN "DataAssetVersion" v ON v."id" = q."versionId"
      JOIN "DataAsset" a ON a."id" = v."assetId"
      WHERE (q."status" = 'queued'
             OR (q."status" = 'running' AND q."updatedAt" < now() - make_interval(secs => ${PROFILE_STALE_S})))
        AND (${workspaceIds}::text[] IS NULL OR a."workspaceId" = ANY(${workspaceIds}::text[]))
      ORDER BY q."createdAt"
      LIMIT 1
      FOR UPDATE OF q SKIP LOCKED)
    RETURNING p."id"`;
  return rows[0]?.id ?? null;
}
