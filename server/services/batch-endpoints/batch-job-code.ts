import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { pack } from "tar-stream";
import type { TCodeFile } from "./read-code-archive";

/** The driver's name in the job's code folder: out of the way of the deployment's own files. */
export const BATCH_DRIVER_FILE = "_crucible_batch_driver.py";
const DRIVER_SOURCE = path.resolve("server/batch/batch-driver.py");

/** The job's code snapshot as a .tar.gz: the deployment's code folder and the batch driver beside it. */
export async function batchJobCode(files: readonly TCodeFile[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on("data", (chunk: unknown) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve, reject) => {
    archive.on("end", resolve);
    archive.on("error", reject);
  });
  for (const file of files.filter((f) => f.path !== BATCH_DRIVER_FILE))
    archive.entry({ name: file.path, mode: 0o644 }, file.content);
  archive.entry({ name: BATCH_DRIVER_FILE, mode: 0o644 }, readFileSync(DRIVER_SOURCE));
  archive.finalize();
  await ended;
  return gzipSync(Buffer.concat(chunks));
}
