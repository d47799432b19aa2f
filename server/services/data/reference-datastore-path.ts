import { randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import type { TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { env } from "../../env";
import { datastoreNamed } from "../../storage/datastore-store";
import { ZDataVersionTarget } from "./data-asset-input";
import { createDataVersion } from "./create-data-version";
import { parseDatastoreUri } from "./datastore-uri";
import { checkFilesForType, describeTable } from "./table-definition";
import { versionView } from "./version-view";

export const ZReferenceDatastorePath = ZDataVersionTarget.extend({ path: z.string().min(1).max(2000) });
export type TReferenceDatastorePath = z.infer<typeof ZReferenceDatastorePath>;

/**
 * The files under a path of a datastore, which today holds runs' artifacts (`<run id>/<artifact
 * path>`): a file, or every file of a folder, with the hashes already known. A run's files are on
 * the datastore it was created on.
 */
async function filesAt(workspaceId: string, datastoreName: string, datastorePath: string) {
  const [runId, ...rest] = datastorePath.split("/");
  const run = await db().run.findFirst({
    where: { id: runId, workspaceId, datastore: { name: datastoreName } },
    select: { id: true },
  });
  const inRun = rest.join("/");
  if (run && inRun) {
    const file = await db().artifact.findUnique({ where: { runId_path: { runId: run.id, path: inRun } } });
    if (file) {
      return {
        folder: path.posix.dirname(datastorePath),
        files: [{ path: path.posix.basename(inRun), size: Number(file.size), sha256: file.sha256 }],
      };
    }
  }
  const rows = run
    ? await db().artifact.findMany({
        where: { runId: run.id, ...(inRun ? { path: { startsWith: `${inRun}/` } } : {}) },
        orderBy: { path: "asc" },
      })
    : [];
  if (rows.length === 0) throw new AppError("NOT_FOUND", `No file or folder at '${datastorePath}' on the datastore`);
  const skip = inRun ? inRun.length + 1 : 0;
  return {
    folder: datastorePath,
    files: rows.map((r) => ({ path: r.path.slice(skip), size: Number(r.size), sha256: r.sha256 })),
  };
}

/**
 * A version that points at files already on a datastore instead of copying them. Like Azure ML's,
 * it is a bookmark: the digest records what the files were when it was made.
 */
export async function referenceDatastorePath(actor: TActor, workspaceId: string, input: TReferenceDatastorePath) {
  const { path: uri, ...target } = ZReferenceDatastorePath.parse(input);
  const { datastoreName, path: datastorePath } = parseDatastoreUri(uri);
  const store = await datastoreNamed(workspaceId, datastoreName);
  const { folder, files } = await filesAt(workspaceId, datastoreName, datastorePath);
  checkFilesForType(
    target.type,
    files.map((f) => f.path),
  );
  const keyOf = (p: string) => `${workspaceId}/${folder}/${p}`;
  let table = null;
  if (target.type === "table") {
    const scratch = path.join(env().crucibleHome, "data-uploads", `reference-${randomUUID()}`);
    await fsp.mkdir(scratch, { recursive: true });
    try {
      table = await describeTable(
        files.map((f) => f.path),
        async (p) => {
          const object = await store.read(keyOf(p));
          if (!object) throw new AppError("CONFLICT", `The stored bytes of '${p}' are missing`);
          const local = path.join(scratch, randomUUID());
          await pipeline(object.stream, fs.createWriteStream(local));
          return local;
        },
      );
    } finally {
      await fsp.rm(scratch, { recursive: true, force: true });
    }
  }
  const { asset, version } = await createDataVersion(actor, workspaceId, {
    target,
    files,
    table,
    referencePath: folder,
    datastoreName,
  });
  return versionView(asset, version);
}
