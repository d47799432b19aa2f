import fs from "node:fs";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { db } from "../../db";
import { AppError } from "../../errors";
import { UPLOAD_SESSION_TTL_MS, uploadPartFile } from "./upload-folder";

/**
 * Writes one chunk of a file at `offset`. A chunk may start anywhere up to what was received, so
 * a client that lost the answer to its last chunk sends it again; past that would leave a hole.
 * Bytes are written in place first and counted after, so a crash in between only means the same
 * chunk is sent again.
 */
export async function writeUploadChunk(
  workspaceId: string,
  uploadId: string,
  index: number,
  offset: number,
  body: Readable,
) {
  // Only the one file's row: a session of 10,000 images must not read 10,000 rows per chunk.
  const session = await db().dataUploadSession.findFirst({
    where: { id: uploadId, workspaceId, expiresAt: { gt: new Date() } },
    select: { id: true, files: { where: { index } } },
  });
  if (!session) throw new AppError("NOT_FOUND", `Upload ${uploadId} not found (finished, expired or never started)`);
  const file = session.files[0];
  if (!file) throw new AppError("NOT_FOUND", `Upload ${uploadId} has no file ${index}`);
  const size = Number(file.size);
  const received = Number(file.received);
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > received) {
    throw new AppError("CONFLICT", `'${file.path}': the next chunk starts at byte ${received}, not ${offset}`);
  }
  let written = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      written += chunk.length;
      if (offset + written > size)
        done(new AppError("BAD_REQUEST", `'${file.path}' is ${size} bytes; this chunk goes past its end`));
      else done(null, chunk);
    },
  });
  await pipeline(body, counter, fs.createWriteStream(uploadPartFile(uploadId, index), { flags: "r+", start: offset }));
  const end = offset + written;
  await db().$executeRaw`
    UPDATE "DataUploadFile" SET "received" = GREATEST("received", ${BigInt(end)})
    WHERE "sessionId" = ${uploadId} AND "index" = ${index}`;
  await db().dataUploadSession.update({
    where: { id: uploadId },
    data: { expiresAt: new Date(Date.now() + UPLOAD_SESSION_TTL_MS) },
  });
  return { index, path: file.path, size, received: Math.max(received, end) };
}
