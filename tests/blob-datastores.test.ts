import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { extract } from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { env } from "../server/env";
import { isForeignKeyViolation } from "../server/errors";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import { blobKey } from "../server/services/data/blob-key";
import { cleanDataStorage } from "../server/services/data/clean-data-storage";
import { openDataFile } from "../server/services/data/open-data-file";
import { packDataVersion } from "../server/services/data/pack-data-version";
import { storeBlob } from "../server/services/data/store-blob";
import { writeUploadChunk } from "../server/services/data/write-upload-chunk";
import { openModelFile, packModelVersion } from "../server/services/models/model-version-files";
import { s3Client } from "../server/storage/s3-artifact-store";
import { callerFor, createAdmin, workspaceWithRoles } from "./helpers/actors";
import { startS3Server, type TS3Server } from "./helpers/s3-server";

let s3: TS3Server;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.stop();
});

const sha = (content: string) => createHash("sha256").update(content).digest("hex");
/** Content no other test stores, so no other workspace's blob is what a check finds. */
const unique = (label: string) => `${label}-${randomUUID()}`;

async function untar(stream: Readable): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for await (const entry of stream.pipe(extract())) {
    const body = await text(entry);
    if (entry.header.type === "file") files[entry.header.name] = body;
  }
  return files;
}

/** A workspace whose Owner is a site admin: only an admin may point a datastore at the loopback S3 server. */
async function setup() {
  const admin = await createAdmin("owner");
  const { workspace } = await workspaceWithRoles(admin);
  const owner = callerFor(admin);
  const workspaceId = workspace.id;
  const prefix = `studio-${randomUUID().slice(0, 8)}`;
  const shared = await owner.datastores.create({
    workspaceId,
    name: "shared",
    type: "s3",
    endpoint: s3.target.endpoint,
    bucket: s3.target.bucket,
    prefix,
    isPathStyle: true,
    accessKeyId: s3.target.accessKeyId,
    secretAccessKey: s3.target.secretAccessKey,
  });
  const local = (await owner.datastores.list({ workspaceId })).find((d) => d.name === "workspaceblobstore")!;

  /** A version made the way clients make one: an upload session, the bytes, the commit. */
  async function upload(name: string, files: Record<string, string>) {
    const session = await owner.data.createUpload({
      workspaceId,
      name,
      type: "uri_folder",
      files: Object.entries(files).map(([p, content]) => ({ path: p, size: Buffer.byteLength(content) })),
    });
    const contents = Object.values(files);
    for (const f of session.files)
      await writeUploadChunk(
        workspaceId,
        session.uploadId,
        f.index,
        0,
        Readable.from([Buffer.from(contents[f.index]!)]),
      );
    return owner.data.commitUpload({ workspaceId, uploadId: session.uploadId });
  }

  async function bucketKeys(): Promise<string[]> {
    const client = s3Client(s3.target);
    try {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.target.bucket, Prefix: `${prefix}/` }));
      return (listed.Contents ?? []).map((o) => o.Key!);
    } finally {
      client.destroy();
    }
  }

  const blobDatastore = async (content: string) =>
    (
      await db().dataBlob.findUniqueOrThrow({
        where: { workspaceId_sha256: { workspaceId, sha256: sha(content) } },
        select: { datastore: { select: { name: true } } },
      })
    ).datastore.name;

  const localBlob = (content: string) =>
    path.join(env().crucibleHome, "artifacts", workspaceId, "data", "blobs", sha(content));

  return { owner, workspaceId, shared, local, prefix, upload, bucketKeys, blobDatastore, localBlob };
}

describe("data and model files on the workspace's default datastore", () => {
  it("writes uploads and registered models to an S3 default, stores known content once, and reads them wherever they are", async () => {
    const { owner, workspaceId, shared, local, prefix, upload, bucketKeys, blobDatastore, localBlob } = await setup();
    const early = unique("written-locally");
    await upload("early", { "early.txt": early });
    expect(await blobDatastore(early)).toBe("workspaceblobstore");

    await owner.datastores.setDefault({ workspaceId, datastoreId: shared.id });
    const [a, b] = [unique("a"), unique("b")];
    const data = await upload("on-s3", { "a.txt": a, "sub/b.txt": b });
    expect(data.upload).toMatchObject({ newFiles: 2, alreadyStoredFiles: 0 });
    expect(data.datastoreName).toBe("shared");

    // A model registered from a run's outputs: its files are copied into blobs on the default too.
    const weights = unique("weights");
    const run = await owner.runs.create({ workspaceId, experimentName: "blobs" });
    await uploadArtifact(workspaceId, run.id, "outputs/model/weights.bin", Readable.from([Buffer.from(weights)]));
    await owner.models.register({ workspaceId, name: "s3-model", runId: run.id, path: "outputs/model" });

    const keys = await bucketKeys();
    for (const content of [a, b, weights]) expect(keys).toContain(`${prefix}/${blobKey(workspaceId, sha(content))}`);
    expect(keys).not.toContain(`${prefix}/${blobKey(workspaceId, sha(early))}`);
    for (const content of [a, b, weights]) {
      expect(await blobDatastore(content)).toBe("shared");
      expect(fs.existsSync(localBlob(content))).toBe(false);
    }

    // Read back: one file, the whole version as a tar, and the model's file and tar.
    expect(await text((await openDataFile(workspaceId, "on-s3:1", "sub/b.txt")).stream)).toBe(b);
    expect(await untar((await packDataVersion(workspaceId, "on-s3:1")).stream)).toEqual({ "a.txt": a, "sub/b.txt": b });
    expect(await text((await openModelFile(workspaceId, "s3-model:1", "weights.bin")).stream)).toBe(weights);
    expect(await untar((await packModelVersion(workspaceId, "s3-model:1")).stream)).toEqual({ "weights.bin": weights });

    // Content already stored, on either datastore, is not stored again: the bucket gains nothing.
    const before = await bucketKeys();
    const dup = await upload("dup", { "again-a.txt": a, "again-early.txt": early });
    expect(dup.upload).toEqual({
      newBytes: 0,
      alreadyStoredBytes: Buffer.byteLength(a) + Buffer.byteLength(early),
      newFiles: 0,
      alreadyStoredFiles: 2,
    });
    expect(await bucketKeys()).toEqual(before);
    expect(await blobDatastore(early)).toBe("workspaceblobstore");
    // One version's files from two datastores.
    expect(await untar((await packDataVersion(workspaceId, "dup:1")).stream)).toEqual({
      "again-a.txt": a,
      "again-early.txt": early,
    });

    // The default back to the local datastore: what is on S3 stays readable, new files go local.
    await owner.datastores.setDefault({ workspaceId, datastoreId: local.id });
    expect(await text((await openDataFile(workspaceId, "on-s3:1", "a.txt")).stream)).toBe(a);
    expect(await text((await openModelFile(workspaceId, "s3-model:1", "weights.bin")).stream)).toBe(weights);
    const late = unique("late");
    const lateVersion = await upload("late", { "late.txt": late });
    expect(lateVersion.datastoreName).toBe("workspaceblobstore");
    expect(await blobDatastore(late)).toBe("workspaceblobstore");
    expect(fs.existsSync(localBlob(late))).toBe(true);
    expect(await bucketKeys()).toEqual(before);
    expect((await owner.data.version({ workspaceId, name: "on-s3", version: "1" })).datastoreName).toBe("shared");
  });

  it("refuses to delete or move a datastore that holds blobs", async () => {
    const { owner, workspaceId, shared, local, upload, bucketKeys } = await setup();
    await owner.datastores.setDefault({ workspaceId, datastoreId: shared.id });
    await upload("kept", { "k.txt": unique("kept"), "l.txt": unique("kept") });
    await owner.datastores.setDefault({ workspaceId, datastoreId: local.id });
    const listed = (await owner.datastores.list({ workspaceId })).find((d) => d.id === shared.id)!;
    expect(listed).toMatchObject({ runCount: 0, blobCount: 2 });
    await expect(owner.datastores.delete({ workspaceId, datastoreId: shared.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Datastore 'shared' holds 2 stored data or model files",
    });
    await expect(
      owner.datastores.update({ workspaceId, datastoreId: shared.id, prefix: "elsewhere" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/location cannot change/) });
    // Should the check ever be passed (a blob written as the row goes), the database refuses too.
    const refused = await db()
      .datastore.delete({ where: { id: shared.id } })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isForeignKeyViolation(refused)).toBe(true);
    expect(await db().datastore.count({ where: { id: shared.id } })).toBe(1);

    // The workspace itself goes with its blobs, its datastores and the bytes in the bucket.
    expect(await bucketKeys()).toHaveLength(2);
    await owner.workspaces.delete({ workspaceId });
    expect(await db().dataBlob.count({ where: { workspaceId } })).toBe(0);
    expect(await db().datastore.count({ where: { workspaceId } })).toBe(0);
    expect(await bucketKeys()).toEqual([]);
  });

  it("cleans an unused blob off the datastore it is on, not off today's default", async () => {
    const { owner, workspaceId, shared, local, prefix, bucketKeys } = await setup();
    await owner.datastores.setDefault({ workspaceId, datastoreId: shared.id });
    const orphan = unique("orphan");
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "crucible-blob-test-"));
    try {
      await fsp.writeFile(path.join(dir, "orphan"), orphan);
      expect(await storeBlob(workspaceId, path.join(dir, "orphan"))).toMatchObject({ isNew: true });
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
    const key = `${prefix}/${blobKey(workspaceId, sha(orphan))}`;
    expect(await bucketKeys()).toContain(key);
    await owner.datastores.setDefault({ workspaceId, datastoreId: local.id });
    await db().dataBlob.updateMany({ where: { workspaceId }, data: { usedAt: new Date(0) } });
    await cleanDataStorage();
    expect(await bucketKeys()).not.toContain(key);
    expect(await db().dataBlob.count({ where: { workspaceId } })).toBe(0);
    // Nothing holds it now: the datastore can go.
    await owner.datastores.delete({ workspaceId, datastoreId: shared.id });
  });
});
