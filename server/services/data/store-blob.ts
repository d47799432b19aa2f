import { createHash } from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { db } from "../../db";
import { AppError } from "../../errors";
import { defaultDatastore, storeOf } from "../../storage/datastore-store";
import { blobKey } from "./blob-key";

export type TStoredBlob = { sha256: string; size: number; isNew: boolean };

export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  await pipeline(fs.createReadStream(file), async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) {
      hash.update(chunk);
      size += chunk.length;
    }
  });
  return { sha256: hash.digest("hex"), size };
}

/** The transaction-scoped lock that orders a blob's reuse against its removal by the cleanup. */
export function blobLockKey(workspaceId: string, sha256: string): string {
  return `crucible.data.blob:${workspaceId}:${sha256}`;
}

/**
 * Puts a local file's bytes in the workspace's content-addressed store unless the same content is
 * already there, on whichever datastore holds it; new content goes to the workspace's default
 * datastore. Marking the blob used and looking for it happen under the blob's lock, so the
 * cleanup of unreferenced blobs cannot remove it between this check and the version's commit.
 */
export async function storeBlob(workspaceId: string, file: string): Promise<TStoredBlob> {
  const { sha256, size } = await hashFile(file);
  const key = blobKey(workspaceId, sha256);
  const where = { workspaceId_sha256: { workspaceId, sha256 } };
  const target = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${blobLockKey(workspaceId, sha256)}))`;
    const row = await tx.dataBlob.findUnique({ where, select: { datastore: true } });
    if (row && (await storeOf(row.datastore).stat(key))?.size === size) {
      await tx.dataBlob.update({ where, data: { usedAt: new Date() } });
      return null;
    }
    // New content, or a row whose bytes are gone: (re)stored on today's default, which the row then names.
    const datastore = await defaultDatastore(workspaceId, tx);
    await tx.dataBlob.upsert({
      where,
      create: { workspaceId, sha256, size: BigInt(size), datastoreId: datastore.id },
      update: { usedAt: new Date(), datastoreId: datastore.id },
    });
    return storeOf(datastore);
  });
  if (!target) return { sha256, size, isNew: false };
  const stored = await target.write(key, fs.createReadStream(file));
  // The file changed between hashing and storing: the blob would lie about its name.
  if (stored.sha256 !== sha256) {
    await target.removePrefix(key);
    throw new AppError("CONFLICT", "A file changed while it was being stored; upload it again");
  }
  return { sha256, size, isNew: true };
}
