import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { extract } from "tar-stream";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as downloadGet } from "../app/api/v1/workspaces/[workspaceId]/data/[name]/versions/[version]/download/route";
import { PUT as chunkPut } from "../app/api/v1/workspaces/[workspaceId]/data/uploads/[uploadId]/files/[index]/route";
import { db } from "../server/db";
import { env } from "../server/env";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import { cleanDataStorage } from "../server/services/data/clean-data-storage";
import { blobKey } from "../server/services/data/blob-key";
import { datastoreFor } from "../server/storage/datastore-store";
import { storeBlob } from "../server/services/data/store-blob";
import { writeUploadChunk } from "../server/services/data/write-upload-chunk";
import { createApiToken } from "../server/services/tokens/create-api-token";
import { ownerWorkspace } from "./helpers/actors";

type TOwner = Awaited<ReturnType<typeof ownerWorkspace>>["owner"];
type TTarget = {
  name: string;
  type?: "uri_file" | "uri_folder" | "table";
  description?: string;
  tags?: Record<string, string>;
};

let owner: TOwner;
let workspaceId: string;
let token: string;

beforeAll(async () => {
  const setup = await ownerWorkspace();
  owner = setup.owner;
  workspaceId = setup.workspaceId;
  token = (await createApiToken(setup.user.id, "data")).token;
});

const sha = (content: string | Buffer) => createHash("sha256").update(content).digest("hex");

async function startUpload(target: TTarget, files: Record<string, string | Buffer>) {
  return owner.data.createUpload({
    workspaceId,
    ...target,
    files: Object.entries(files).map(([p, c]) => ({ path: p, size: Buffer.byteLength(c) })),
  });
}

/** Creates a version the way clients do: a session, each file's bytes, then the commit. */
async function upload(target: TTarget, files: Record<string, string | Buffer>) {
  const session = await startUpload(target, files);
  const contents = Object.values(files);
  for (const f of session.files) {
    const content = Buffer.from(contents[f.index]!);
    if (content.length > 0) await writeUploadChunk(workspaceId, session.uploadId, f.index, 0, Readable.from([content]));
  }
  return owner.data.commitUpload({ workspaceId, uploadId: session.uploadId });
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    if (error instanceof Error && "code" in error)
      return { code: (error as { code: string }).code, message: error.message };
    throw error;
  }
  throw new Error("expected a failure");
}

function chunkRequest(uploadId: string, index: number, offset: number, body: Buffer) {
  return chunkPut(
    new Request(
      `http://studio.test/api/v1/workspaces/${workspaceId}/data/uploads/${uploadId}/files/${index}?offset=${offset}`,
      { method: "PUT", headers: { authorization: `Bearer ${token}` }, body, duplex: "half" } as RequestInit,
    ),
    { params: Promise.resolve({ workspaceId, uploadId, index: String(index) }) },
  );
}

function download(name: string, version: string, query = "") {
  return downloadGet(
    new Request(
      `http://studio.test/api/v1/workspaces/${workspaceId}/data/${name}/versions/${version}/download${query}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    ),
    { params: Promise.resolve({ workspaceId, name, version }) },
  );
}

describe("versions", () => {
  it("numbers versions 1, 2, 3, resolves latest, and archives without breaking references", async () => {
    for (const n of [1, 2, 3]) {
      const created = await upload({ name: "digits", description: `take ${n}` }, { "train.csv": `x\n${n}\n` });
      expect(created.version).toBe(n);
      expect(created.ref).toBe(`digits:${n}`);
    }
    const latest = await owner.data.version({ workspaceId, name: "digits", version: "latest" });
    expect(latest.version).toBe(3);

    await owner.data.archive({ workspaceId, name: "digits", version: 3 });
    expect((await owner.data.version({ workspaceId, name: "digits", version: "latest" })).version).toBe(2);
    const archived = await owner.data.version({ workspaceId, name: "digits", version: 3 });
    expect(archived.isArchived).toBe(true);
    const listed = (await owner.data.list({ workspaceId })).find((a) => a.name === "digits")!;
    expect(listed.latest.version).toBe(2);
    expect(listed.versionCount).toBe(3);
    await owner.data.restore({ workspaceId, name: "digits", version: 3 });
    expect((await owner.data.version({ workspaceId, name: "digits", version: "latest" })).version).toBe(3);

    const audit = await db().auditEvent.findMany({ where: { workspaceId, action: { startsWith: "data.version" } } });
    expect(audit.map((a) => a.action).sort()).toEqual([
      "data.version.archive",
      "data.version.create",
      "data.version.create",
      "data.version.create",
      "data.version.unarchive",
    ]);
  });

  it("lets description and tags change, never the files", async () => {
    const created = await upload({ name: "notes", type: "uri_file" }, { "a.txt": "hello" });
    const updated = await owner.data.update({
      workspaceId,
      name: "notes",
      version: 1,
      description: "greeting",
      tags: { stage: "raw" },
    });
    expect(updated).toMatchObject({ description: "greeting", tags: { stage: "raw" }, digest: created.digest });
    const files = await owner.data.files({ workspaceId, name: "notes", version: 1 });
    expect(files.files).toEqual([{ path: "a.txt", size: 5, sha256: sha("hello") }]);
  });

  it("gives concurrent creations distinct consecutive numbers", async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => upload({ name: "racing" }, { [`f${n}.txt`]: `content ${n}` })),
    );
    expect(results.map((r) => r.version).sort()).toEqual([1, 2, 3, 4]);
  });

  it("records the file list, total size and digest", async () => {
    const created = await upload({ name: "folder" }, { "b/two.txt": "22", "a.txt": "1", "b/three.txt": "333" });
    expect(created).toMatchObject({ type: "uri_folder", fileCount: 3, totalSize: 6 });
    const lines = [`a.txt ${sha("1")}\n`, `b/three.txt ${sha("333")}\n`, `b/two.txt ${sha("22")}\n`].join("");
    expect(created.digest).toBe(sha(lines));
  });
});

describe("content addressing", () => {
  it("stores identical content once, and says the second upload stored nothing new", async () => {
    const content = Buffer.alloc(50_000, 7);
    const first = await upload({ name: "dedupe" }, { "a.bin": content, "copy/a.bin": content });
    expect(first.upload).toEqual({ newBytes: 50_000, alreadyStoredBytes: 50_000, newFiles: 1, alreadyStoredFiles: 1 });
    const second = await upload({ name: "dedupe" }, { "a.bin": content, "copy/a.bin": content });
    expect(second.version).toBe(2);
    expect(second.upload).toEqual({ newBytes: 0, alreadyStoredBytes: 100_000, newFiles: 0, alreadyStoredFiles: 2 });
    expect(second.digest).toBe(first.digest);
    expect(await (await datastoreFor(workspaceId)).stat(blobKey(workspaceId, sha(content)))).toEqual({ size: 50_000 });
  });
});

describe("resumable uploads", () => {
  it("resumes an interrupted upload from what the studio has, then commits", async () => {
    const content = Buffer.from("0123456789".repeat(10));
    const session = await startUpload({ name: "resumed", type: "uri_file" }, { "big.bin": content });
    expect((await chunkRequest(session.uploadId, 0, 0, content.subarray(0, 30))).status).toBe(200);
    // The next chunk breaks off halfway: what arrived is not counted, so it is sent again.
    const broken = new Readable({
      read() {
        this.push(content.subarray(30, 40));
        this.destroy(new Error("connection reset"));
      },
    });
    await expect(writeUploadChunk(workspaceId, session.uploadId, 0, 30, broken)).rejects.toThrow();
    const state = await owner.data.upload({ workspaceId, uploadId: session.uploadId });
    expect(state.files[0]!.received).toBe(30);
    expect(await failure(owner.data.commitUpload({ workspaceId, uploadId: session.uploadId }))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("30 of 100 bytes"),
    });
    // A chunk past what was received would leave a hole.
    expect((await chunkRequest(session.uploadId, 0, 60, content.subarray(60))).status).toBe(409);
    const resumed = await chunkRequest(session.uploadId, 0, 30, content.subarray(30));
    expect(await resumed.json()).toMatchObject({ received: 100, size: 100 });

    const version = await owner.data.commitUpload({ workspaceId, uploadId: session.uploadId });
    expect(version).toMatchObject({ version: 1, totalSize: 100 });
    const response = await download("resumed", "1");
    expect(response.headers.get("content-disposition")).toContain("big.bin");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(content);
    expect(await failure(owner.data.upload({ workspaceId, uploadId: session.uploadId }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("refuses a chunk that goes past the file's end", async () => {
    const session = await startUpload({ name: "short" }, { "a.txt": "abc" });
    const response = await chunkRequest(session.uploadId, 0, 0, Buffer.from("abcdef"));
    expect(response.status).toBe(400);
  });

  it("leaves no version when a commit fails, and cleans expired sessions", async () => {
    const session = await startUpload({ name: "broken-table", type: "table" }, { "t.csv": "" });
    const result = await failure(owner.data.commitUpload({ workspaceId, uploadId: session.uploadId }));
    expect(result).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("no header") });
    expect(await db().dataAsset.findFirst({ where: { workspaceId, name: "broken-table" } })).toBeNull();

    await db().dataUploadSession.update({ where: { id: session.uploadId }, data: { expiresAt: new Date(0) } });
    const folder = path.join(env().crucibleHome, "data-uploads", session.uploadId);
    expect((await fs.stat(folder)).isDirectory()).toBe(true);
    await cleanDataStorage();
    await expect(fs.stat(folder)).rejects.toThrow();
    expect(await db().dataUploadSession.findUnique({ where: { id: session.uploadId } })).toBeNull();
  });

  it("removes blobs no version lists once they are a day old, and keeps listed ones", async () => {
    const session = await startUpload({ name: "abandoned" }, { "orphan.txt": "orphan bytes" });
    await writeUploadChunk(workspaceId, session.uploadId, 0, 0, Readable.from([Buffer.from("orphan bytes")]));
    // Stored, but the version is never recorded (as when the commit's transaction fails).
    await storeBlob(workspaceId, path.join(env().crucibleHome, "data-uploads", session.uploadId, "0"));
    const kept = await upload({ name: "kept" }, { "kept.txt": "kept bytes" });
    const old = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await db().dataBlob.updateMany({ where: { workspaceId }, data: { usedAt: old } });
    await cleanDataStorage();
    expect(await (await datastoreFor(workspaceId)).stat(blobKey(workspaceId, sha("orphan bytes")))).toBeNull();
    expect(await (await datastoreFor(workspaceId)).stat(blobKey(workspaceId, sha("kept bytes")))).not.toBeNull();
    expect(kept.version).toBe(1);
  });
});

describe("tables", () => {
  it("infers a CSV table's schema", async () => {
    const created = await upload(
      { name: "iris", type: "table" },
      { "iris.csv": "sepal,species\n5.1,setosa\n4.9,setosa\n" },
    );
    expect(created).toMatchObject({
      tableFormat: "csv",
      tableSchema: [
        { name: "sepal", type: "float" },
        { name: "species", type: "string" },
      ],
      mltable: null,
    });
  });

  it("reads a folder's MLTable: its paths, delimiter and dropped columns", async () => {
    const mltable =
      "paths:\n  - pattern: ./parts/*.csv\ntransformations:\n  - read_delimited:\n      delimiter: ';'\n  - take: 5\n  - drop_columns: [id]\n";
    const created = await upload(
      { name: "parts", type: "table" },
      { MLTable: mltable, "parts/a.csv": "id;value\n1;2.5\n", "parts/b.csv": "id;value\n2;3\n", "README.md": "notes" },
    );
    expect(created).toMatchObject({
      tableFormat: "csv",
      tableSchema: [{ name: "value", type: "float" }],
      mltable: { take: 5, dropColumns: ["id"], read: { format: "csv", delimiter: ";" } },
    });
  });
});

describe("downloads and references", () => {
  it("downloads a folder as a tar of its files", async () => {
    await upload({ name: "tarred" }, { "x/1.txt": "one", "2.txt": "two" });
    const response = await download("tarred", "latest");
    expect(response.headers.get("content-type")).toBe("application/x-tar");
    const entries: Record<string, string> = {};
    await new Promise<void>((resolve, reject) => {
      const unpack = extract();
      unpack.on("entry", (header, stream, next) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: unknown) => chunks.push(c as Buffer));
        stream.on("end", () => {
          entries[header.name] = Buffer.concat(chunks).toString();
          next();
        });
      });
      unpack.on("finish", resolve);
      unpack.on("error", reject);
      Readable.fromWeb(response.body! as never).pipe(unpack);
    });
    expect(entries).toEqual({ "2.txt": "two", "x/1.txt": "one" });
    const one = await download("tarred", "1", "?path=x/1.txt");
    expect(await one.text()).toBe("one");
  });

  it("references a run's outputs on the datastore without copying them", async () => {
    const run = await owner.runs.create({ workspaceId, experimentName: "data-ref" });
    await uploadArtifact(workspaceId, run.id, "outputs/model/weights.bin", Readable.from([Buffer.from("weights")]));
    await uploadArtifact(workspaceId, run.id, "outputs/model/config.json", Readable.from([Buffer.from("{}")]));
    const folder = await owner.data.createReference({
      workspaceId,
      name: "model-out",
      path: `azureml://datastores/workspaceblobstore/paths/${run.id}/outputs/model`,
    });
    expect(folder).toMatchObject({ referencePath: `${run.id}/outputs/model`, fileCount: 2, totalSize: 9 });
    expect(await (await download("model-out", "1", "?path=weights.bin")).text()).toBe("weights");

    const file = await owner.data.createReference({
      workspaceId,
      name: "config",
      type: "uri_file",
      path: `crucible://datastores/workspaceblobstore/paths/${run.id}/outputs/model/config.json`,
    });
    expect(file).toMatchObject({ fileCount: 1, digest: sha(`config.json ${sha("{}")}\n`) });
    expect(await (await download("config", "latest")).text()).toBe("{}");

    expect(
      await failure(
        owner.data.createReference({
          workspaceId,
          name: "nothing",
          path: `crucible://datastores/workspaceblobstore/paths/${run.id}/nope`,
        }),
      ),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await failure(
        owner.data.createReference({ workspaceId, name: "other", path: "crucible://datastores/elsewhere/paths/x" }),
      ),
    ).toMatchObject({ code: "NOT_FOUND", message: "Datastore 'elsewhere' not found" });
  });
});

describe("bad input", () => {
  it.each([
    ["a name that breaks the rules", { name: "bad name!" }, { "a.txt": "a" }, /Use letters, digits/],
    [
      "a uri_file with several files",
      { name: "one-file", type: "uri_file" as const },
      { "a.txt": "a", "b.txt": "b" },
      /uri_file data asset is one file/,
    ],
    [
      "a table that is not CSV or Parquet",
      { name: "tbl", type: "table" as const },
      { "a.json": "{}" },
      /CSV or Parquet/,
    ],
    ["a path escaping the folder", { name: "escape" }, { "../etc/passwd": "x" }, /outside the data asset's folder/],
    ["an absolute path", { name: "absolute" }, { "/etc/passwd": "x" }, /absolute path/],
    ["an empty upload", { name: "empty" }, {}, /has no files/],
    ["a path listed twice", { name: "twice" }, { "a.txt": "a", "./a.txt": "b" }, /listed twice/],
  ])("refuses %s", async (_label, target, files, message) => {
    const result = await failure(startUpload(target, files));
    expect(result.code).toBe("BAD_REQUEST");
    expect(result.message).toMatch(message);
  });

  it("refuses a reference to a path outside the datastore, or one that does not decode, and registers nothing", async () => {
    const other = await ownerWorkspace("other-datastore-owner");
    const run = await other.owner.runs.create({ workspaceId: other.workspaceId, experimentName: "theirs" });
    await uploadArtifact(other.workspaceId, run.id, "outputs/secret.txt", Readable.from([Buffer.from("theirs")]));
    const refused = (path: string) => failure(owner.data.createReference({ workspaceId, name: "outside", path }));
    for (const escape of [
      `../${other.workspaceId}/${run.id}/outputs`,
      `x/../../${other.workspaceId}/${run.id}/outputs/secret.txt`,
      `x%2F..%2F..%2F${other.workspaceId}`,
      "..\\x",
    ])
      expect(await refused(`crucible://datastores/workspaceblobstore/paths/${escape}`)).toEqual({
        code: "BAD_REQUEST",
        message: `'crucible://datastores/workspaceblobstore/paths/${escape}' points outside the datastore`,
      });
    expect(await refused("crucible://datastores/workspaceblobstore/paths/%E0%A4%A")).toEqual({
      code: "BAD_REQUEST",
      message: "'crucible://datastores/workspaceblobstore/paths/%E0%A4%A' has a malformed %-escape",
    });
    // Another workspace's run is not on this workspace's datastore, whatever its id.
    expect(await refused(`crucible://datastores/workspaceblobstore/paths/${run.id}/outputs`)).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db().dataAsset.findFirst({ where: { workspaceId, name: "outside" } })).toBeNull();
  });

  it("refuses a version of another type under the same name", async () => {
    await upload({ name: "typed", type: "uri_file" }, { "a.txt": "a" });
    expect(await failure(upload({ name: "typed", type: "uri_folder" }, { "a.txt": "a" }))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("is of type uri_file"),
    });
  });

  it("answers NOT_FOUND for unknown assets and versions", async () => {
    expect(await failure(owner.data.version({ workspaceId, name: "missing", version: "latest" }))).toMatchObject({
      code: "NOT_FOUND",
    });
    await upload({ name: "single" }, { "a.txt": "a" });
    expect(await failure(owner.data.version({ workspaceId, name: "single", version: 9 }))).toMatchObject({
      code: "NOT_FOUND",
      message: "Data asset 'single' has no version 9",
    });
  });
});
