import "server-only";
import path from "node:path";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import type { Datastore, Prisma } from "../generated/prisma/client";
import { openSecret } from "../secrets/secret-box";
import type { ArtifactStore } from "./artifact-store";
import { LocalArtifactStore } from "./local-artifact-store";
import { PrefixLocations } from "./prefix-locations";
import { s3Client, S3ArtifactStore, type TS3Target } from "./s3-artifact-store";

/** The folder of a local datastore with no folder of its own: where artifacts have always been. */
export function defaultLocalFolder(): string {
  return path.join(env().crucibleHome, "artifacts");
}

/** A datastore row's connection settings, credentials opened; for the store and the connection test. */
export function s3Target(row: Datastore): TS3Target {
  if (!row.endpoint || !row.bucket || !row.accessKeyId || !row.secretAccessKey)
    throw new AppError("CONFLICT", `Datastore '${row.name}' is missing its S3 settings`);
  return {
    endpoint: row.endpoint,
    bucket: row.bucket,
    prefix: row.prefix,
    region: row.region || "us-east-1",
    isPathStyle: row.isPathStyle,
    accessKeyId: openSecret(row.accessKeyId),
    secretAccessKey: openSecret(row.secretAccessKey),
  };
}

// Keyed by id and updatedAt, so an edited datastore gets a new client and an unchanged one reuses its own.
const cache = new Map<string, ArtifactStore>();

export function storeOf(row: Datastore): ArtifactStore {
  const key = `${row.id}@${row.updatedAt.getTime()}`;
  let store = cache.get(key);
  if (!store) {
    for (const k of cache.keys()) if (k.startsWith(`${row.id}@`)) cache.delete(k);
    if (row.type === "s3") {
      const target = s3Target(row);
      store = new S3ArtifactStore(s3Client(target), target, new PrefixLocations(row.id));
    } else store = new LocalArtifactStore(row.folder ?? defaultLocalFolder());
    cache.set(key, store);
  }
  return store;
}

/** The workspace's default datastore, where new runs and data are written. */
export async function defaultDatastore(workspaceId: string, tx: Prisma.TransactionClient = db()): Promise<Datastore> {
  const row = await tx.datastore.findFirst({ where: { workspaceId, isDefault: true } });
  if (!row) throw new AppError("CONFLICT", "This workspace has no default datastore");
  return row;
}

/** The store of the workspace's datastore of this name, or NOT_FOUND. */
export async function datastoreNamed(workspaceId: string, name: string): Promise<ArtifactStore> {
  const row = await db().datastore.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
  if (!row) throw new AppError("NOT_FOUND", `Datastore '${name}' not found`);
  return storeOf(row);
}

/** The store of the workspace's default datastore. */
export async function datastoreFor(workspaceId: string): Promise<ArtifactStore> {
  return storeOf(await defaultDatastore(workspaceId));
}

/**
 * The store holding a run's artifacts and snapshot: the datastore that was the default when the
 * run was created, so switching the default never strands files written before.
 */
export async function runStore(workspaceId: string, runId: string): Promise<ArtifactStore> {
  const run = await db().run.findFirst({ where: { id: runId, workspaceId }, select: { datastore: true } });
  if (!run) throw new AppError("NOT_FOUND", `Run ${runId} not found`);
  return storeOf(run.datastore);
}

/** Every store of the workspace, for removing what it holds anywhere (loaded before its rows go). */
export async function workspaceStores(workspaceId: string): Promise<ArtifactStore[]> {
  const rows = await db().datastore.findMany({ where: { workspaceId } });
  return rows.map(storeOf);
}
