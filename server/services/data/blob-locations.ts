import { db } from "../../db";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import type { ArtifactStore } from "../../storage/artifact-store";
import { storeOf } from "../../storage/datastore-store";
import { blobKey } from "./blob-key";

export type TFileLocation = { path: string; store: ArtifactStore; key: string };

// Keeps each query's parameter list well under PostgreSQL's limit, whatever a version's file count.
const CHUNK = 5000;

/**
 * Where each file's blob is: on the datastore its row records, which is the default of the time
 * it was first stored, not today's default. The one place that answers it, for every reader of
 * data and model files. A file whose blob has no row is refused rather than read from a guess.
 */
export async function blobLocations(
  workspaceId: string,
  files: readonly { path: string; sha256: string }[],
  tx: Prisma.TransactionClient = db(),
): Promise<TFileLocation[]> {
  const unique = [...new Set(files.map((f) => f.sha256))];
  const stores = new Map<string, ArtifactStore>();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await tx.dataBlob.findMany({
      where: { workspaceId, sha256: { in: unique.slice(i, i + CHUNK) } },
      select: { sha256: true, datastore: true },
    });
    for (const row of rows) stores.set(row.sha256, storeOf(row.datastore));
  }
  return files.map((f) => {
    const store = stores.get(f.sha256);
    if (!store) throw new AppError("CONFLICT", `The stored bytes of '${f.path}' are missing`);
    return { path: f.path, store, key: blobKey(workspaceId, f.sha256) };
  });
}
