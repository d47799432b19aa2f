import { createHash, randomUUID } from "node:crypto";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { ListMultipartUploadsCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import type { ArtifactStore } from "../server/storage/artifact-store";
import { LocalArtifactStore } from "../server/storage/local-artifact-store";
import { PrefixLocations } from "../server/storage/prefix-locations";
import { s3Client, S3ArtifactStore } from "../server/storage/s3-artifact-store";
import { ownerWorkspace } from "./helpers/actors";
import { startS3Server, type TS3Server } from "./helpers/s3-server";

let s3: TS3Server;
let localRoot: string;
let s3DatastoreId: string;

beforeAll(async () => {
  s3 = await startS3Server();
  localRoot = await fsp.mkdtemp(path.join(os.tmpdir(), "crucible-local-store-"));
  const { workspaceId } = await ownerWorkspace();
  // The prefix map needs a datastore row; its settings are the store's, credentials play no part here.
  s3DatastoreId = (
    await db().datastore.create({ data: { workspaceId, name: "contract", type: "s3", bucket: s3.target.bucket } })
  ).id;
});

afterAll(async () => {
  await s3?.stop();
  if (localRoot) await fsp.rm(localRoot, { recursive: true, force: true });
});

const stores: [string, () => ArtifactStore][] = [
  ["local", () => new LocalArtifactStore(localRoot)],
  [
    "s3",
    () =>
      new S3ArtifactStore(
        s3Client(s3.target),
        { ...s3.target, prefix: "tenant/a" },
        new PrefixLocations(s3DatastoreId),
      ),
  ],
];

const text = async (store: ArtifactStore, key: string) => {
  const object = await store.read(key);
  if (!object) return null;
  const chunks: Buffer[] = [];
  for await (const c of object.stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString();
};

const body = (s: string) => Readable.from([Buffer.from(s)]);

/** A body that sends `bytes` and then fails, as a dropped upload does. */
function failing(bytes: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= bytes) {
        this.destroy(new Error("connection dropped"));
        return;
      }
      const chunk = Buffer.alloc(Math.min(1024 * 1024, bytes - sent), 7);
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

describe.each(stores)("the %s artifact store", (_name, make) => {
  const root = () => `ws-${randomUUID().slice(0, 8)}/run`;

  it("writes, reads and stats, with size and sha256 computed while streaming", async () => {
    const store = make();
    const key = `${root()}/outputs/a.txt`;
    expect(await store.write(key, body("hello"))).toEqual({
      size: 5,
      sha256: createHash("sha256").update("hello").digest("hex"),
    });
    expect(await text(store, key)).toBe("hello");
    expect(await store.stat(key)).toEqual({ size: 5 });
    expect(await store.read(`${key}.missing`)).toBeNull();
    expect(await store.stat(`${key}.missing`)).toBeNull();
    await store.write(key, body("replaced"));
    expect(await text(store, key)).toBe("replaced");
  });

  it("streams a body of several parts and reads it back whole", async () => {
    const store = make();
    const key = `${root()}/model.bin`;
    const data = Buffer.alloc(19 * 1024 * 1024 + 3);
    for (let i = 0; i < data.length; i += 4096) data[i] = i % 251;
    const stored = await store.write(
      key,
      Readable.from(
        (function* () {
          for (let i = 0; i < data.length; i += 1024 * 1024) yield data.subarray(i, i + 1024 * 1024);
        })(),
      ),
    );
    expect(stored).toEqual({ size: data.length, sha256: createHash("sha256").update(data).digest("hex") });
    const object = await store.read(key);
    const hash = createHash("sha256");
    for await (const c of object!.stream) hash.update(c as Buffer);
    expect(hash.digest("hex")).toBe(stored.sha256);
  });

  it("leaves nothing behind when the body fails, small or multipart, and keeps the previous object", async () => {
    const store = make();
    const base = root();
    await expect(store.write(`${base}/small`, failing(1000))).rejects.toThrow();
    await expect(store.write(`${base}/big`, failing(20 * 1024 * 1024))).rejects.toThrow();
    expect(await store.stat(`${base}/small`)).toBeNull();
    expect(await store.stat(`${base}/big`)).toBeNull();
    await store.write(`${base}/kept`, body("old"));
    await expect(store.write(`${base}/kept`, failing(12 * 1024 * 1024))).rejects.toThrow();
    expect(await text(store, `${base}/kept`)).toBe("old");
  });

  it("replaces a prefix's whole set at once, again and again, and forgets the staged one", async () => {
    const store = make();
    const base = root();
    await store.write(`${base}/snapshot/old.py`, body("old"));
    await store.write(`${base}/snapshot/same.py`, body("old same"));
    for (const generation of ["one", "two"]) {
      const staging = `${base}/.snapshot-${generation}`;
      await store.write(`${staging}/new.py`, body(generation));
      await store.write(`${staging}/same.py`, body(`${generation} same`));
      await store.replacePrefix(staging, `${base}/snapshot`);
      await store.removePrefix(staging);
      expect(await text(store, `${base}/snapshot/new.py`)).toBe(generation);
      expect(await text(store, `${base}/snapshot/same.py`)).toBe(`${generation} same`);
      expect(await store.stat(`${base}/snapshot/old.py`)).toBeNull();
      expect(await store.stat(`${staging}/new.py`)).toBeNull();
    }
    // Written after a swap, a file lands beside the swapped-in ones.
    await store.write(`${base}/snapshot/later.py`, body("later"));
    expect(await text(store, `${base}/snapshot/later.py`)).toBe("later");
    // An empty set replaces too.
    await store.replacePrefix(`${base}/.snapshot-empty`, `${base}/snapshot`);
    expect(await store.stat(`${base}/snapshot/new.py`)).toBeNull();
  });

  it("removes everything under a prefix, moved prefixes included, and nothing beside it", async () => {
    const store = make();
    const ws = `ws-${randomUUID().slice(0, 8)}`;
    await store.write(`${ws}/run1/outputs/a`, body("a"));
    await store.write(`${ws}/run1/.staging/s`, body("s"));
    await store.replacePrefix(`${ws}/run1/.staging`, `${ws}/run1/snapshot`);
    await store.write(`${ws}/run10/outputs/b`, body("b"));
    await store.removePrefix(`${ws}/run1`);
    expect(await store.stat(`${ws}/run1/outputs/a`)).toBeNull();
    expect(await store.stat(`${ws}/run1/snapshot/s`)).toBeNull();
    expect(await text(store, `${ws}/run10/outputs/b`)).toBe("b");
    await store.removePrefix(ws);
    expect(await store.stat(`${ws}/run10/outputs/b`)).toBeNull();
  });

  it("removes one object named by the prefix, and not its namesakes", async () => {
    const store = make();
    const base = root();
    await store.write(`${base}/blobs/abc`, body("blob"));
    await store.write(`${base}/blobs/abcd`, body("other"));
    await store.removePrefix(`${base}/blobs/abc`);
    expect(await store.stat(`${base}/blobs/abc`)).toBeNull();
    expect(await text(store, `${base}/blobs/abcd`)).toBe("other");
  });
});

describe("the s3 artifact store's bucket", () => {
  it("keeps its objects under the datastore's prefix and no multipart upload left open", async () => {
    const client = s3Client(s3.target);
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.target.bucket }));
    expect(listed.Contents?.length).toBeGreaterThan(0);
    expect(listed.Contents!.every((o) => o.Key!.startsWith("tenant/a/"))).toBe(true);
    const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: s3.target.bucket }));
    expect(uploads.Uploads ?? []).toEqual([]);
    client.destroy();
  });
});
