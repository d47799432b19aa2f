import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { extract } from "tar-stream";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as downloadGet } from "../app/api/v1/workspaces/[workspaceId]/models/[name]/versions/[version]/download/route";
import { POST as uploadPost } from "../app/api/v1/workspaces/[workspaceId]/models/[name]/upload/route";
import { db } from "../server/db";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import { cleanDataStorage } from "../server/services/data/clean-data-storage";
import { blobKey } from "../server/services/data/blob-key";
import { datastoreFor } from "../server/storage/datastore-store";
import { createApiToken } from "../server/services/tokens/create-api-token";
import { callerFor, createUser, ownerWorkspace, workspaceWithRoles } from "./helpers/actors";
import { mlflowClient } from "./helpers/mlflow";
import { tarOf } from "./helpers/code-archive";

type TOwner = Awaited<ReturnType<typeof ownerWorkspace>>["owner"];

let owner: TOwner;
let workspaceId: string;
let token: string;

beforeAll(async () => {
  const setup = await ownerWorkspace("models");
  owner = setup.owner;
  workspaceId = setup.workspaceId;
  token = (await createApiToken(setup.user.id, "models")).token;
});

/** Content no other test stores: the cleanup spares a blob any workspace's file still lists. */
const SECOND = `second-${randomUUID()}`;

const sha = (content: string | Buffer) => createHash("sha256").update(content).digest("hex");

const MLMODEL = `artifact_path: model
flavors:
  python_function:
    loader_module: mlflow.sklearn
    python_version: 3.11.2
  sklearn:
    pickled_model: model.pkl
    sklearn_version: 1.9.1
signature:
  inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1, 4]}}]'
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]'
saved_input_example_info:
  artifact_path: input_example.json
  type: ndarray
`;

async function runWithModel(files: Record<string, string>, folder = "outputs/model") {
  const run = await owner.runs.create({ workspaceId, experimentName: "models" });
  for (const [p, content] of Object.entries(files))
    await uploadArtifact(workspaceId, run.id, `${folder}/${p}`, Readable.from([Buffer.from(content)]));
  return run;
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

async function readTar(body: ReadableStream): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = extract();
  const done = new Promise<void>((resolve, reject) => {
    entries.on("entry", (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c) => chunks.push(c as Buffer));
      stream.on("end", () => {
        if (header.type === "file") out[header.name] = Buffer.concat(chunks).toString();
        next();
      });
    });
    entries.on("finish", resolve);
    entries.on("error", reject);
  });
  Readable.fromWeb(body as never).pipe(entries);
  await done;
  return out;
}

const download = (name: string, version: string, query = "") =>
  downloadGet(
    new Request(
      `http://studio.test/api/v1/workspaces/${workspaceId}/models/${name}/versions/${version}/download${query}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    ),
    { params: Promise.resolve({ workspaceId, name, version }) },
  );

describe("registering models", () => {
  it("registers a run's output folder as versions 1, 2, reads its MLmodel and shares blobs with other versions", async () => {
    const run = await runWithModel({ MLmodel: MLMODEL, "model.pkl": "pickled-1", "input_example.json": "[[1,2,3,4]]" });
    const v1 = await owner.models.register({ workspaceId, name: "iris", runId: run.id, path: "outputs/model" });
    expect(v1).toMatchObject({
      name: "iris",
      version: 1,
      ref: "iris:1",
      type: "mlflow_model",
      status: "READY",
      sourceRunId: run.id,
      sourcePath: "outputs/model",
      sourceUri: `runs:/${run.id}/outputs/model`,
      fileCount: 3,
      totalSize: Buffer.byteLength(MLMODEL) + "pickled-1".length + "[[1,2,3,4]]".length,
    });
    expect(Object.keys(v1.flavors!).sort()).toEqual(["python_function", "sklearn"]);
    expect(v1.signature).toEqual({
      inputs: [{ type: "tensor", "tensor-spec": { dtype: "float64", shape: [-1, 4] } }],
      outputs: [{ type: "tensor", "tensor-spec": { dtype: "int64", shape: [-1] } }],
    });
    expect(v1.inputExample).toEqual({ artifact_path: "input_example.json", type: "ndarray" });

    const other = await runWithModel({ "weights.bin": "pickled-1" }, "outputs/custom");
    const v2 = await owner.models.register({
      workspaceId,
      name: "iris",
      runId: other.id,
      path: "outputs/custom",
      description: "# Second",
      tags: { team: "vision" },
    });
    expect(v2).toMatchObject({ version: 2, type: "custom_model", description: "# Second", tags: { team: "vision" } });
    // Same bytes under another name: one blob.
    const blobs = await db().dataBlob.count({ where: { workspaceId, sha256: sha("pickled-1") } });
    expect(blobs).toBe(1);

    const detail = await owner.models.byName({ workspaceId, name: "iris" });
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(detail).toMatchObject({ versionCount: 2, latestVersion: 2 });
    const audit = await db().auditEvent.findMany({ where: { workspaceId, action: "model.version.create" } });
    expect(audit.map((a) => (a.details as { version: number }).version).sort()).toEqual([1, 2]);
  });

  it("refuses a path outside the run, a run of another workspace, an empty folder and bad names", async () => {
    const run = await runWithModel({ "a.txt": "a" });
    expect(
      await failure(owner.models.register({ workspaceId, name: "bad", runId: run.id, path: "outputs/../../x" })),
    ).toEqual({ code: "BAD_REQUEST", message: "Invalid artifact path 'outputs/../../x'" });
    expect(await failure(owner.models.register({ workspaceId, name: "bad", runId: run.id, path: "nothing" }))).toEqual({
      code: "NOT_FOUND",
      message: `Run ${run.id} has no artifacts under 'nothing'`,
    });
    const elsewhere = await ownerWorkspace("elsewhere");
    const foreign = await elsewhere.owner.runs.create({ workspaceId: elsewhere.workspaceId, experimentName: "x" });
    expect(
      await failure(owner.models.register({ workspaceId, name: "bad", runId: foreign.id, path: "outputs/model" })),
    ).toEqual({ code: "NOT_FOUND", message: `Run ${foreign.id} not found` });
    expect(
      (await failure(owner.models.register({ workspaceId, name: "a:b", runId: run.id, path: "outputs/model" }))).code,
    ).toBe("BAD_REQUEST");
    expect(await db().registeredModel.count({ where: { workspaceId, name: "bad" } })).toBe(0);
    expect(
      (
        await failure(
          owner.models.register({ workspaceId, name: "m", runId: run.id, path: "outputs/model", type: "mlflow_model" }),
        )
      ).message,
    ).toBe("An mlflow_model has an MLmodel file at its root; this folder has none");
  });

  it("registers from a tar upload; a broken archive registers nothing", async () => {
    const ok = await uploadPost(
      new Request(
        `http://studio.test/api/v1/workspaces/${workspaceId}/models/uploaded/upload?description=hi&tags=${encodeURIComponent('{"a":"b"}')}`,
        {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
          body: new Uint8Array(await tarOf({ "./model/w.bin": "W", "./model/cfg.json": "{}" })),
        },
      ),
      { params: Promise.resolve({ workspaceId, name: "uploaded" }) },
    );
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect(await ok.json()).toMatchObject({
      name: "uploaded",
      version: 1,
      fileCount: 2,
      description: "hi",
      tags: { a: "b" },
    });
    const files = await owner.models.files({ workspaceId, name: "uploaded", version: "1" });
    expect(files.files.map((f) => f.path)).toEqual(["model/cfg.json", "model/w.bin"]);

    const broken = await uploadPost(
      new Request(`http://studio.test/api/v1/workspaces/${workspaceId}/models/uploaded/upload`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: "this is not a tar archive, only text long enough to be read as a header".repeat(10),
      }),
      { params: Promise.resolve({ workspaceId, name: "uploaded" }) },
    );
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    expect((await owner.models.byName({ workspaceId, name: "uploaded" })).versionCount).toBe(1);

    const badTags = await uploadPost(
      new Request(`http://studio.test/api/v1/workspaces/${workspaceId}/models/uploaded/upload?tags=nope`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: "",
      }),
      { params: Promise.resolve({ workspaceId, name: "uploaded" }) },
    );
    expect(badTags.status).toBe(400);
  });
});

describe("an upload that breaks off", () => {
  const post = (name: string, body: ReadableStream<Uint8Array> | Uint8Array) =>
    uploadPost(
      new Request(`http://studio.test/api/v1/workspaces/${workspaceId}/models/${name}/upload`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body,
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({ workspaceId, name }) },
    );
  const big = `weights-${randomUUID()}`.repeat(20_000);

  it("registers nothing when the archive ends halfway through a file", async () => {
    const tar = await tarOf({ "small.txt": "s", "weights.bin": big });
    const response = await post("cut-short", new Uint8Array(tar.subarray(0, Math.floor(tar.length / 2))));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/not a readable tar archive/);
    expect(await db().registeredModel.count({ where: { workspaceId, name: "cut-short" } })).toBe(0);
  });

  it("registers nothing, and adds no version to a model that has one, when the connection drops mid-stream", async () => {
    const ok = await post("dropped", new Uint8Array(await tarOf({ "w.bin": "first" })));
    expect(ok.status).toBe(201);
    const tar = await tarOf({ "small.txt": "s", "weights.bin": big });
    let sent = 0;
    const dropping = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > tar.length / 2) {
          controller.error(new Error("socket hang up"));
          return;
        }
        controller.enqueue(new Uint8Array(tar.subarray(sent, sent + 64 * 1024)));
        sent += 64 * 1024;
      },
    });
    const response = await post("dropped", dropping);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/broke off/);
    const versions = await db().modelVersion.findMany({ where: { model: { workspaceId, name: "dropped" } } });
    expect(versions.map((v) => v.version)).toEqual([1]);
    expect(await db().modelVersionFile.count({ where: { versionId: versions[0]!.id } })).toBe(1);
  });
});

describe("versions, aliases and downloads", () => {
  let name: string;
  beforeAll(async () => {
    name = "aliased";
    for (const content of ["one", SECOND, "three"]) {
      const run = await runWithModel({ "model.bin": content, "sub/readme.md": `about ${content}` });
      await owner.models.register({ workspaceId, name, runId: run.id, path: "outputs/model" });
    }
  });

  it("resolves name:version, name@alias and latest; moves an alias; archived versions leave latest", async () => {
    await owner.models.setAlias({ workspaceId, name, alias: "champion", version: 2 });
    expect((await owner.models.version({ workspaceId, name, version: "champion" })).version).toBe(2);
    const moved = await owner.models.setAlias({ workspaceId, name, alias: "champion", version: 3 });
    expect(moved.aliases).toEqual(["champion"]);
    expect((await owner.models.version({ workspaceId, name, version: "2" })).aliases).toEqual([]);
    expect((await owner.models.byName({ workspaceId, name })).aliases).toEqual([{ alias: "champion", version: 3 }]);

    await owner.models.archiveVersion({ workspaceId, name, version: "3" });
    expect((await owner.models.version({ workspaceId, name, version: "latest" })).version).toBe(2);
    // An alias still finds an archived version.
    expect((await owner.models.version({ workspaceId, name, version: "champion" })).isArchived).toBe(true);
    await owner.models.restoreVersion({ workspaceId, name, version: "3" });

    expect(await failure(owner.models.setAlias({ workspaceId, name, alias: "latest", version: 1 }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await failure(owner.models.setAlias({ workspaceId, name, alias: "v2", version: 1 }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await failure(owner.models.setAlias({ workspaceId, name, alias: "x", version: 9 }))).toEqual({
      code: "NOT_FOUND",
      message: `Registered model '${name}' has no version 9`,
    });
    expect(await failure(owner.models.version({ workspaceId, name, version: "nobody" }))).toEqual({
      code: "NOT_FOUND",
      message: `Registered model '${name}' has no alias 'nobody'`,
    });
  });

  it("moves an alias under a race to exactly one version", async () => {
    await Promise.all(
      [1, 2, 3, 1, 2, 3].map((version) => owner.models.setAlias({ workspaceId, name, alias: "race", version })),
    );
    expect(await db().modelAlias.count({ where: { alias: "race", model: { workspaceId, name } } })).toBe(1);
  });

  it("downloads a version as a tar, one file by path, and refuses a missing path", async () => {
    const tar = await download(name, "1");
    expect(tar.headers.get("content-type")).toBe("application/x-tar");
    expect(await readTar(tar.body!)).toEqual({ "model.bin": "one", "sub/readme.md": "about one" });
    const one = await download(name, "champion", "?path=sub/readme.md");
    expect(await one.text()).toBe("about three");
    expect((await download(name, "1", "?path=../x")).status).toBe(400);
    expect((await download(name, "1", "?path=nope")).status).toBe(404);
    expect((await download("missing", "1")).status).toBe(404);
  });

  it("lists, filters and sorts models; updates descriptions and tags; lineage names the run", async () => {
    await owner.models.update({ workspaceId, name, description: "**bold**", tags: { stage: "prod" } });
    const byTag = await owner.models.list({ workspaceId, filter: "tags.stage = 'prod'" });
    expect(byTag.models.map((m) => m.name)).toEqual([name]);
    const like = await owner.models.list({ workspaceId, filter: "name LIKE 'alias%'" });
    expect(like.models.map((m) => m.name)).toEqual([name]);
    const sorted = await owner.models.list({ workspaceId, orderBy: ["name ASC"], limit: 1 });
    expect(sorted.models).toHaveLength(1);
    expect(sorted.nextPageToken).toBe("1");
    expect((await failure(owner.models.list({ workspaceId, filter: "name ~ 'x'" }))).code).toBe("BAD_REQUEST");
    const updated = await owner.models.updateVersion({ workspaceId, name, version: "1", tags: { k: "v" } });
    expect(updated.tags).toEqual({ k: "v" });
    const lineage = await owner.models.lineage({ workspaceId, name, version: "1" });
    expect(lineage.run?.id).toBe(updated.sourceRunId);
    expect(lineage.dataInputs).toEqual([]);
  });

  it("deletes a version, then the model; audited; blobs go once nothing lists them", async () => {
    await owner.models.deleteVersion({ workspaceId, name, version: "1" });
    expect(await failure(owner.models.version({ workspaceId, name, version: "1" }))).toMatchObject({
      code: "NOT_FOUND",
    });
    await owner.models.delete({ workspaceId, name });
    expect(await failure(owner.models.byName({ workspaceId, name }))).toEqual({
      code: "NOT_FOUND",
      message: `Registered model '${name}' not found`,
    });
    const actions = (await db().auditEvent.findMany({ where: { workspaceId }, select: { action: true } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["model.version.delete", "model.delete", "model.alias.set"]));
    await db().dataBlob.updateMany({ where: { workspaceId, sha256: sha(SECOND) }, data: { usedAt: new Date(0) } });
    await cleanDataStorage();
    expect(await (await datastoreFor(workspaceId)).stat(blobKey(workspaceId, sha(SECOND)))).toBeNull();
  });
});

describe("roles", () => {
  it("lets a Reader read and download but not register; a Data Scientist registers but does not delete", async () => {
    const ownerUser = await createUser("roles-owner");
    const { workspace, members } = await workspaceWithRoles(ownerUser);
    const ownerCaller = callerFor(ownerUser);
    const run = await ownerCaller.runs.create({ workspaceId: workspace.id, experimentName: "roles" });
    await uploadArtifact(workspace.id, run.id, "outputs/m/x.bin", Readable.from([Buffer.from("x")]));
    const scientist = callerFor(members.DataScientist);
    await scientist.models.register({ workspaceId: workspace.id, name: "r", runId: run.id, path: "outputs/m" });
    await scientist.models.setAlias({ workspaceId: workspace.id, name: "r", alias: "champion", version: 1 });
    expect(await failure(scientist.models.delete({ workspaceId: workspace.id, name: "r" }))).toEqual({
      code: "FORBIDDEN",
      message: "Missing permission: model:delete",
    });
    const reader = callerFor(members.Reader);
    expect((await reader.models.version({ workspaceId: workspace.id, name: "r", version: "champion" })).version).toBe(
      1,
    );
    expect(
      await failure(reader.models.register({ workspaceId: workspace.id, name: "r", runId: run.id, path: "outputs/m" })),
    ).toEqual({ code: "FORBIDDEN", message: "Missing permission: model:write" });
    await callerFor(members.Contributor).models.delete({ workspaceId: workspace.id, name: "r" });
  });
});

describe("audit", () => {
  it("records every change to a model, from the studio's API and from MLflow's, with who made it", async () => {
    const ownerUser = await createUser("audit-owner");
    const { workspace, members } = await workspaceWithRoles(ownerUser);
    const ws = workspace.id;
    const o = callerFor(ownerUser);
    const scientist = callerFor(members.DataScientist);
    const run = await o.runs.create({ workspaceId: ws, experimentName: "audit" });
    await uploadArtifact(ws, run.id, "outputs/m/x.bin", Readable.from([Buffer.from("x")]));
    const mlflow = mlflowClient(workspace.name, (await createApiToken(members.DataScientist.id, "audit")).token);

    await o.models.create({ workspaceId: ws, name: "audited" });
    await scientist.models.register({ workspaceId: ws, name: "audited", runId: run.id, path: "outputs/m" });
    await o.models.update({ workspaceId: ws, name: "audited", description: "new" });
    await o.models.updateVersion({ workspaceId: ws, name: "audited", version: "1", tags: { k: "v" } });
    await o.models.archiveVersion({ workspaceId: ws, name: "audited", version: "1" });
    await o.models.restoreVersion({ workspaceId: ws, name: "audited", version: "1" });
    await scientist.models.setAlias({ workspaceId: ws, name: "audited", alias: "champion", version: 1 });
    await scientist.models.deleteAlias({ workspaceId: ws, name: "audited", alias: "champion" });
    const viaMlflow = [
      await mlflow("POST", "registered-models/set-tag", { name: "audited", key: "team", value: "a" }),
      await mlflow("POST", "model-versions/set-tag", { name: "audited", version: "1", key: "k", value: "w" }),
      await mlflow("POST", "registered-models/alias", { name: "audited", alias: "prod", version: "1" }),
      await mlflow("DELETE", "registered-models/alias", { name: "audited", alias: "prod" }),
      await mlflow("POST", "registered-models/rename", { name: "audited", new_name: "audited-2" }),
    ];
    expect(viaMlflow.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await o.models.deleteVersion({ workspaceId: ws, name: "audited-2", version: "1" });
    await o.models.delete({ workspaceId: ws, name: "audited-2" });

    const events = await db().auditEvent.findMany({
      where: { workspaceId: ws, action: { startsWith: "model." } },
      orderBy: { createdAt: "asc" },
    });
    const [o_, d_] = [ownerUser.email, members.DataScientist.email];
    expect(events.map((e) => [e.action, e.actorEmail])).toEqual([
      ["model.create", o_],
      ["model.version.create", d_],
      ["model.update", o_],
      ["model.version.update", o_],
      ["model.version.update", o_],
      ["model.version.update", o_],
      ["model.alias.set", d_],
      ["model.alias.delete", d_],
      ["model.update", d_],
      ["model.version.update", d_],
      ["model.alias.set", d_],
      ["model.alias.delete", d_],
      ["model.rename", d_],
      ["model.version.delete", o_],
      ["model.delete", o_],
    ]);
    const model = events[0]!.targetId;
    expect(events.every((e) => e.targetType === "registeredModel" && e.targetId === model)).toBe(true);
    // A refused change leaves no entry.
    await expect(scientist.models.delete({ workspaceId: ws, name: "audited-2" })).rejects.toThrow();
    expect(await db().auditEvent.count({ where: { workspaceId: ws, action: { startsWith: "model." } } })).toBe(15);
  });
});
