import { randomUUID } from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand, S3ServiceException } from "@aws-sdk/client-s3";
import { defaultLocalFolder, s3Target } from "../../storage/datastore-store";
import { s3Client } from "../../storage/s3-artifact-store";
import { DATASTORE_TEST_TIMEOUT_MS } from "./datastore-limits";
import { findDatastore } from "./find-datastore";

export type TDatastoreTest = { ok: boolean; message: string };

type TRow = Awaited<ReturnType<typeof findDatastore>>;

/** One sentence on why the probe failed, in the words of the failure, never with a credential. */
function describeFailure(row: TRow, error: unknown): string {
  const where = row.type === "s3" ? `${row.endpoint}` : (row.folder ?? "the studio's artifact folder");
  if (error instanceof S3ServiceException) {
    const reasons: Record<string, string> = {
      NoSuchBucket: `Bucket '${row.bucket}' does not exist on ${where}.`,
      InvalidAccessKeyId: `${where} does not know this access key.`,
      SignatureDoesNotMatch: `${where} refused the secret access key.`,
      AccessDenied: `${where} denied the access key listing, writing or deleting in bucket '${row.bucket}'.`,
    };
    return reasons[error.name] ?? `${where} answered ${error.$metadata.httpStatusCode ?? "an error"} (${error.name}).`;
  }
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
  if (code === "TimeoutError" || code === "AbortError")
    return `No answer from ${where} within ${DATASTORE_TEST_TIMEOUT_MS / 1000} s.`;
  if (code === "ECONNREFUSED") return `${where} refused the connection.`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `The host of ${where} could not be resolved.`;
  if (code === "EACCES" || code === "EPERM") return `The studio may not write to ${where}.`;
  if (code === "ENOENT" || code === "ENOTDIR") return `${where} is not a folder the studio can create.`;
  return `Could not reach ${where}: ${code ?? "unknown error"}.`;
}

async function probeS3(row: TRow, signal: AbortSignal): Promise<void> {
  const target = s3Target(row);
  const client = s3Client(target);
  const Key = `${target.prefix ? `${target.prefix}/` : ""}.crucible-probe-${randomUUID()}`;
  try {
    await client.send(new PutObjectCommand({ Bucket: target.bucket, Key, Body: "probe" }), { abortSignal: signal });
    await client.send(new ListObjectsV2Command({ Bucket: target.bucket, Prefix: Key, MaxKeys: 1 }), {
      abortSignal: signal,
    });
    await client.send(new DeleteObjectCommand({ Bucket: target.bucket, Key }), { abortSignal: signal });
  } finally {
    client.destroy();
  }
}

async function probeLocal(row: TRow): Promise<void> {
  const folder = row.folder ?? defaultLocalFolder();
  await fsp.mkdir(folder, { recursive: true });
  const probe = path.join(folder, `.crucible-probe-${randomUUID()}`);
  await fsp.writeFile(probe, "probe", { flag: "wx" });
  await fsp.readdir(folder);
  await fsp.rm(probe);
}

/** "Test connection": writes, lists and deletes a probe object, within a time limit. */
export async function testDatastore(workspaceId: string, datastoreId: string): Promise<TDatastoreTest> {
  const row = await findDatastore(workspaceId, datastoreId);
  const signal = AbortSignal.timeout(DATASTORE_TEST_TIMEOUT_MS);
  try {
    const probe = row.type === "s3" ? probeS3(row, signal) : probeLocal(row);
    await Promise.race([
      probe,
      new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true })),
    ]);
    return { ok: true, message: `Listed, wrote and deleted a probe object on ${row.name}.` };
  } catch (error) {
    return { ok: false, message: describeFailure(row, error) };
  }
}
