import { Readable } from "node:stream";
import { TRPCError } from "@trpc/server";
import { parquetWriteBuffer } from "hyparquet-writer";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as viewGet } from "../app/api/v1/workspaces/[workspaceId]/data/[name]/versions/[version]/view/route";
import { writeUploadChunk } from "../server/services/data/write-upload-chunk";
import { claimDataProfile } from "../server/services/data-profile/claim-data-profile";
import { runDataProfile } from "../server/services/data-profile/run-data-profile";
import { createApiToken } from "../server/services/tokens/create-api-token";
import { callerFor, ownerWorkspace, workspaceWithRoles, createUser } from "./helpers/actors";

type TOwner = Awaited<ReturnType<typeof ownerWorkspace>>["owner"];
type TType = "uri_file" | "uri_folder" | "table";

let owner: TOwner;
let workspaceId: string;
let token: string;

// A 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

beforeAll(async () => {
  const setup = await ownerWorkspace();
  owner = setup.owner;
  workspaceId = setup.workspaceId;
  token = (await createApiToken(setup.user.id, "preview")).token;
});

async function upload(name: string, type: TType, files: Record<string, string | Uint8Array>) {
  const session = await owner.data.createUpload({
    workspaceId,
    name,
    type,
    files: Object.entries(files).map(([p, c]) => ({ path: p, size: Buffer.byteLength(c) })),
  });
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
    throw error;
  }
  throw new Error("expected a failure");
}

/** What the worker does for a queued profile of this workspace. */
async function workOnProfiles() {
  const id = await claimDataProfile("test-worker", [workspaceId]);
  expect(id).not.toBeNull();
  await runDataProfile(id!, "test-worker", new AbortController().signal);
}

const CSV = "id,score,label\n1,0.5,cat\n2,,dog\n3,1.5,cat\n4,2.5,\n";

describe("table preview", () => {
  it("shows a table's first rows with its schema, and stops at 100", async () => {
    await upload("iris", "table", { "iris.csv": CSV });
    const preview = await owner.data.preview({ workspaceId, name: "iris", version: "latest" });
    expect(preview.columns).toEqual([
      { name: "id", type: "integer" },
      { name: "score", type: "float" },
      { name: "label", type: "string" },
    ]);
    expect(preview.rows).toEqual([
      ["1", "0.5", "cat"],
      ["2", "", "dog"],
      ["3", "1.5", "cat"],
      ["4", "2.5", ""],
    ]);
    expect(preview.isTruncated).toBe(false);

    const long = `n\n${Array.from({ length: 250 }, (_v, i) => i).join("\n")}\n`;
    await upload("long", "table", { "long.csv": long });
    const page = await owner.data.preview({ workspaceId, name: "long", version: "1" });
    expect(page.rows).toHaveLength(100);
    expect(page.rows.at(-1)).toEqual(["99"]);
    expect(page.isTruncated).toBe(true);
  });

  it("previews a CSV or Parquet file of a folder by path, and a table stored as Parquet", async () => {
    const parquet = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: "id", data: new Int32Array([7, 8]), type: "INT32" },
          { name: "label", data: ["x", "y"], type: "STRING" },
        ],
      }),
    );
    await upload("mixed", "uri_folder", { "a/t.csv": "k,v\nx,1\ny,2\n", "b/t.parquet": parquet, "notes.txt": "hi" });
    const csv = await owner.data.preview({ workspaceId, name: "mixed", version: "1", path: "a/t.csv" });
    expect(csv.columns).toEqual([
      { name: "k", type: "string" },
      { name: "v", type: "integer" },
    ]);
    const pq = await owner.data.preview({ workspaceId, name: "mixed", version: "1", path: "b/t.parquet" });
    expect(pq.columns).toEqual([
      { name: "id", type: "int32" },
      { name: "label", type: "string" },
    ]);
    expect(pq.rows).toEqual([
      [7, "x"],
      [8, "y"],
    ]);
    expect(await failure(owner.data.preview({ workspaceId, name: "mixed", version: "1" }))).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("not a table"),
    });
    expect(
      await failure(owner.data.preview({ workspaceId, name: "mixed", version: "1", path: "notes.txt" })),
    ).toMatchObject({ code: "BAD_REQUEST" });
    expect(
      await failure(owner.data.preview({ workspaceId, name: "mixed", version: "1", path: "nope.csv" })),
    ).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a CSV that does not parse with a clear error", async () => {
    await upload("broken", "uri_folder", { "bad.csv": 'a,b\n"unclosed,1\n' });
    expect(
      await failure(owner.data.preview({ workspaceId, name: "broken", version: "1", path: "bad.csv" })),
    ).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("does not parse as CSV") });
  });
});

describe("text and image preview", () => {
  it("pretty-prints JSON, bounds text, refuses binary files", async () => {
    const big = "x".repeat(300 * 1024);
    await upload("docs", "uri_folder", { "meta.json": '{"a":[1,2],"b":{"c":true}}', "big.txt": big, "img/1.png": PNG });
    const json = await owner.data.previewText({ workspaceId, name: "docs", version: "1", path: "meta.json" });
    expect(json).toMatchObject({ isJson: true, isTruncated: false });
    expect(json.text).toBe(JSON.stringify({ a: [1, 2], b: { c: true } }, null, 2));
    const text = await owner.data.previewText({ workspaceId, name: "docs", version: "1", path: "big.txt" });
    expect(text.isTruncated).toBe(true);
    expect(text.text.length).toBe(256 * 1024);
    expect(text.size).toBe(big.length);
    expect(
      await failure(owner.data.previewText({ workspaceId, name: "docs", version: "1", path: "img/1.png" })),
    ).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("binary") });
  });

  it("lists images a page at a time and streams each with its content type", async () => {
    const files: Record<string, Uint8Array | string> = { "readme.md": "# images" };
    for (let i = 0; i < 5; i++) files[`img/${i}.PNG`] = PNG;
    await upload("pics", "uri_folder", files);
    const first = await owner.data.images({ workspaceId, name: "pics", version: "1", limit: 3 });
    expect(first.images.map((i) => i.path)).toEqual(["img/0.PNG", "img/1.PNG", "img/2.PNG"]);
    const second = await owner.data.images({
      workspaceId,
      name: "pics",
      version: "1",
      limit: 3,
      after: first.nextAfter!,
    });
    expect(second.images.map((i) => i.path)).toEqual(["img/3.PNG", "img/4.PNG"]);
    expect(second.nextAfter).toBeNull();

    const view = (path: string, auth = `Bearer ${token}`) =>
      viewGet(
        new Request(
          `http://studio.test/api/v1/workspaces/${workspaceId}/data/pics/versions/1/view?path=${encodeURIComponent(path)}`,
          { headers: { authorization: auth } },
        ),
        { params: Promise.resolve({ workspaceId, name: "pics", version: "1" }) },
      );
    const image = await view("img/0.PNG");
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
    const text = await view("readme.md");
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect((await view("missing.png")).status).toBe(404);
    expect((await view("img/0.PNG", "Bearer not-a-token")).status).toBe(401);
  });
});

describe("profile", () => {
  it("is computed by the worker with exact numbers for a small CSV with missing values", async () => {
    await upload("survey", "table", { "s.csv": CSV });
    expect(await owner.data.profile({ workspaceId, name: "survey", version: "1" })).toBeNull();
    const queued = await owner.data.requestProfile({ workspaceId, name: "survey", version: "1" });
    expect(queued).toMatchObject({ status: "queued", progress: 0, result: null });
    // Asking again while it is queued changes nothing.
    expect(await owner.data.requestProfile({ workspaceId, name: "survey", version: "1" })).toMatchObject({
      status: "queued",
    });
    await workOnProfiles();
    const done = await owner.data.profile({ workspaceId, name: "survey", version: "1" });
    expect(done).toMatchObject({ status: "done", progress: 1, error: null });
    const [id, score, label] = done!.result!.columns;
    expect(done!.result!.rowCount).toBe(4);
    expect(id).toMatchObject({ count: 4, missing: 0, distinct: { value: 4 }, numeric: { min: 1, max: 4, mean: 2.5 } });
    expect(score).toMatchObject({ count: 3, missing: 1, numeric: { min: 0.5, max: 2.5, mean: 1.5, std: 1 } });
    expect(score!.numeric!.quantiles.p50).toBe(1.5);
    expect(label).toMatchObject({ kind: "string", count: 3, missing: 1, distinct: { value: 2, isExact: true } });
    expect(label!.top!.values[0]).toEqual({ value: "cat", count: 2 });
  });

  it("profiles a Parquet table", async () => {
    const parquet = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: "x", data: new Float64Array([1, 2, 3, 4, 5]), type: "DOUBLE" },
          { name: "tag", data: ["a", "b", "a", null, "a"], type: "STRING" },
        ],
      }),
    );
    await upload("pq", "table", { "part-0.parquet": parquet });
    await owner.data.requestProfile({ workspaceId, name: "pq", version: "1" });
    await workOnProfiles();
    const { result } = (await owner.data.profile({ workspaceId, name: "pq", version: "1" }))!;
    expect(result!.rowCount).toBe(5);
    expect(result!.columns[0]).toMatchObject({ type: "double", numeric: { min: 1, max: 5, mean: 3 } });
    expect(result!.columns[0]!.numeric!.quantiles).toMatchObject({ p25: 2, p50: 3, p75: 4 });
    expect(result!.columns[1]).toMatchObject({
      count: 4,
      missing: 1,
      top: {
        values: [
          { value: "a", count: 3 },
          { value: "b", count: 1 },
        ],
      },
    });
  });

  it("records a failure, and a failed profile can be asked for again", async () => {
    // Broken past the rows the schema is inferred from, so the upload is accepted and the profile fails.
    const rows = Array.from({ length: 300 }, (_v, i) => `${i},${i}`).join("\n");
    await upload("odd", "table", { "o.csv": `a,b\n${rows}\n"3,4\n` });
    await owner.data.requestProfile({ workspaceId, name: "odd", version: "1" });
    await workOnProfiles();
    const failed = await owner.data.profile({ workspaceId, name: "odd", version: "1" });
    expect(failed).toMatchObject({ status: "failed", error: expect.stringContaining("does not parse as CSV") });
    expect(await owner.data.requestProfile({ workspaceId, name: "odd", version: "1" })).toMatchObject({
      status: "queued",
      error: null,
    });
  });

  it("is only for tables, and Readers may read one but not request one", async () => {
    await upload("folder", "uri_folder", { "a.txt": "a" });
    expect(await failure(owner.data.requestProfile({ workspaceId, name: "folder", version: "1" }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    const { workspace, members } = await workspaceWithRoles(await createUser("profile-owner"));
    const reader = callerFor(members.Reader);
    expect(
      await failure(reader.data.requestProfile({ workspaceId: workspace.id, name: "x", version: "1" })),
    ).toMatchObject({ code: "FORBIDDEN" });
  });
});
