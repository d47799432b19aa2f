import { createHash } from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { db } from "../../db";
import { AppError } from "../../errors";
import { blobKey, dataStore } from "./data-store";

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
 * already there. Marking the blob used and looking for it happen under the blob's lock, so the
 * cleanup of unreferenced blobs cannot remove it between this check and the version's commit.
 */
export async function storeBlob(workspaceId: string, file: string): Promise<TStoredBlob> {
  const { sha256, size } = await hashFile(file);
  const store = await dataStore(workspaceId);
  const key = blobKey(workspaceId, sha256);
  const existing = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${blobLockKey(workspaceId, sha256)}))`;
    await tx.dataBlob.upsert({
      where: { workspaceId_sha256: { workspaceId, sha256 } },
      create: { workspaceId, sha256, size: BigInt(size) },
      update: { usedAt: new Date() },
    });
    return store.stat(key);
  });
  if (existing?.size === size) return { sha256, size, isNew: false };
  const stored = await store.write(key, fs.createReadStream(file));
  // The file changed between hashing and storing: the blob would lie about its name.
  if (stored.sha256 !== sha256) {
    await store.removePrefix(key);
    throw new AppError("CONFLICT", "A file changed while it was being stored; upload it again");
  }
  return { sha256, size, isNew: true };
}
