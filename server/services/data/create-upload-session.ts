import fsp from "node:fs/promises";
import { z } from "zod";
import type { TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { DATA_CHUNK_BODY_LIMIT } from "../../http/body-limits";
import { ZDataVersionTarget } from "./data-asset-input";
import { normaliseDataPath } from "./data-path";
import { MLTABLE_FILE } from "./mltable";
import { checkFilesForType, planTableFiles } from "./table-definition";
import { UPLOAD_SESSION_TTL_MS, uploadFolder, uploadPartFile } from "./upload-folder";

const MAX_FILE_BYTES = 2 ** 40;

export const ZCreateUploadSession = ZDataVersionTarget.extend({
  files: z
    .array(z.object({ path: z.string().min(1).max(1000), size: z.number().int().min(0).max(MAX_FILE_BYTES) }))
    .max(100_000),
});
export type TCreateUploadSession = z.infer<typeof ZCreateUploadSession>;

/** Refuses two files of one path, and a file that is also the folder of another. */
function checkDistinctPaths(paths: readonly string[]): void {
  const seen = new Set<string>();
  for (const p of paths) {
    if (seen.has(p)) throw new AppError("BAD_REQUEST", `'${p}' is listed twice`);
    seen.add(p);
  }
  for (const p of paths) {
    const parts = p.split("/");
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join("/");
      if (seen.has(folder)) throw new AppError("BAD_REQUEST", `'${folder}' is both a file and the folder of '${p}'`);
    }
  }
}

/**
 * Opens a resumable upload of the files a new version will hold. Everything that can be known
 * before the bytes arrive (name, type, paths, a table's file formats) is checked now, not after a
 * multi-GiB transfer.
 */
export async function createUploadSession(actor: TActor, workspaceId: string, input: TCreateUploadSession) {
  const { files, ...target } = ZCreateUploadSession.parse(input);
  const normalised = files.map((f) => ({ path: normaliseDataPath(f.path), size: f.size }));
  const paths = normalised.map((f) => f.path);
  checkFilesForType(target.type, paths);
  checkDistinctPaths(paths);
  // With an MLTable the formats are its to say, once its text has arrived.
  if (target.type === "table" && !paths.includes(MLTABLE_FILE)) planTableFiles(paths, null);
  const session = await db().dataUploadSession.create({
    data: {
      workspaceId,
      createdById: actor.userId,
      target,
      expiresAt: new Date(Date.now() + UPLOAD_SESSION_TTL_MS),
      files: { create: normalised.map((f, index) => ({ index, path: f.path, size: BigInt(f.size) })) },
    },
  });
  await fsp.mkdir(uploadFolder(session.id), { recursive: true });
  for (let index = 0; index < normalised.length; index++) {
    await fsp.writeFile(uploadPartFile(session.id, index), "");
  }
  return {
    uploadId: session.id,
    expiresAt: session.expiresAt,
    chunkBytes: DATA_CHUNK_BODY_LIMIT,
    files: normalised.map((f, index) => ({ index, path: f.path, size: f.size, received: 0 })),
  };
}
