import { Readable } from "node:stream";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as viewGet } from "../app/api/v1/workspaces/[workspaceId]/models/[name]/versions/[version]/view/route";
import { db } from "../server/db";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import { writeUploadChunk } from "../server/services/data/write-upload-chunk";
import { lineageGraph } from "../server/services/lineage/lineage-graph";
import { createApiToken } from "../server/services/tokens/create-api-token";
import { callerFor, createUser, ownerWorkspace } from "./helpers/actors";

type TOwner = Awaited<ReturnType<typeof ownerWorkspace>>["owner"];

let owner: TOwner;
let workspaceId: string;
let token: string;
let ownerName: string;

beforeAll(async () => {
  const setup = await ownerWorkspace("models-studio");
  owner = setup.owner;
  workspaceId = setup.workspaceId;
  ownerName = setup.user.name;
  token = (await createApiToken(setup.user.id, "models-studio")).token;
});

const MLMODEL = `flavors:
  python_function:
    loader_module: mlflow.sklearn
signature:
  inputs: '[{"type": "double", "name": "x", "required": true}]'
  outputs: '[{"type": "long", "required": true}]'
`;

/** A run that logged params and a metric and saved a model folder in its outputs. */
async function trainedRun(params: Record<string, string>, accuracy: number) {
  const run = await owner.runs.create({ workspaceId, experimentName: "models-studio" });
  await owner.runs.logBatch({
    workspaceId,
    runId: run.id,
    params: Object.entries(params).map(([key, value]) => ({ key, value })),
    metrics: [{ key: "accuracy", value: accuracy, step: 0 }],
  });
  for (const [path, content] of Object.entries({ MLmodel: MLMODEL, "model.bin": "\u0000weights" }))
    await uploadArtifact(workspaceId, run.id, `outputs/model/${path}`, Readable.from([Buffer.from(content)]));
  return run;
}

/** A data version made the way clients make one, and the run recorded as having read it. */
async function readData(runId: string, name: string) {
  const session = await owner.data.createUpload({
    workspaceId,
    name,
    type: "uri_file",
    files: [{ path: "x.csv", size: 4 }],
  });
  await writeUploadChunk(workspaceId, session.uploadId, 0, 0, Readable.from([Buffer.from("a,b\n")]));
  const version = await owner.data.commitUpload({ workspaceId, uploadId: session.uploadId });
  const row = await db().dataAssetVersion.findFirstOrThrow({
    where: { asset: { workspaceId, name }, version: version.version },
  });
  // What a job's submission records for each data input.
  await db().runDataLink.create({
    data: { runId, versionId: row.id, direction: "input", name: "training", mode: "ro_mount" },
  });
  return row;
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

describe("model lineage", () => {
  let runId: string;
  let dataVersionId: string;
  let modelVersionId: string;

  beforeAll(async () => {
    const run = await trainedRun({ lr: "0.1" }, 0.9);
    runId = run.id;
    dataVersionId = (await readData(run.id, "lineage-train")).id;
    const v = await owner.models.register({ workspaceId, name: "lineage-model", runId, path: "outputs/model" });
    modelVersionId = v.id;
  });

  it("follows a model version back to its run and the data the run read", async () => {
    const graph = await owner.lineage.graph({ workspaceId, model: "lineage-model", version: "1", depth: 4 });
    expect(graph.root).toBe(`model:${modelVersionId}`);
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(
      [`data:${dataVersionId}`, `model:${modelVersionId}`, `run:${runId}`].sort(),
    );
    expect(graph.nodes.find((n) => n.kind === "model")).toMatchObject({
      model: "lineage-model",
      version: 1,
      type: "mlflow_model",
      label: "lineage-model:1",
    });
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        { from: `data:${dataVersionId}`, to: `run:${runId}`, name: "training" },
        { from: `run:${runId}`, to: `model:${modelVersionId}`, name: "registered" },
      ]),
    );
    expect(graph.edges).toHaveLength(2);
  });

  it("shows a run's registered models in its graph and from the data it read", async () => {
    const fromRun = await owner.lineage.graph({ workspaceId, runId });
    expect(fromRun.nodes.some((n) => n.id === `model:${modelVersionId}`)).toBe(true);
    const fromData = await owner.lineage.graph({ workspaceId, asset: "lineage-train", version: "1", depth: 2 });
    expect(fromData.nodes.map((n) => n.kind).sort()).toEqual(["data", "model", "run"]);
    // One hop reaches the run but not what it registered.
    const near = await owner.lineage.graph({ workspaceId, asset: "lineage-train", version: "1", depth: 1 });
    expect(near.nodes.map((n) => n.kind).sort()).toEqual(["data", "run"]);
    expect(await owner.models.fromRun({ workspaceId, runId })).toEqual([
      expect.objectContaining({
        name: "lineage-model",
        version: 1,
        ref: "lineage-model:1",
        sourcePath: "outputs/model",
      }),
    ]);
  });

  it("leaves model versions out for callers who may not read models", async () => {
    const graph = await lineageGraph(workspaceId, { runId }, 3, { isModelIncluded: false, isEndpointIncluded: true });
    expect(graph.nodes.map((n) => n.kind).sort()).toEqual(["data", "run"]);

    const role = await owner.roles.create({
      workspaceId,
      name: `data-only-${Date.now()}`,
      actions: ["workspace:read", "data:read", "experiment:read"],
    });
    const member = await createUser("data-only");
    await db().membership.create({ data: { workspaceId, userId: member.id, customRoleId: role.id } });
    const dataOnly = callerFor(member);
    const seen = await dataOnly.lineage.graph({ workspaceId, runId });
    expect(seen.nodes.map((n) => n.kind).sort()).toEqual(["data", "run"]);
    expect(await failure(dataOnly.lineage.graph({ workspaceId, model: "lineage-model" }))).toEqual({
      code: "FORBIDDEN",
      message: "Missing permission: model:read",
    });
  });

  it("drops the run of a deleted run and refuses a start that does not exist or is malformed", async () => {
    const other = await trainedRun({ lr: "0.5" }, 0.5);
    await owner.models.register({ workspaceId, name: "orphan-model", runId: other.id, path: "outputs/model" });
    await db().run.update({ where: { id: other.id }, data: { deletedAt: new Date() } });
    const graph = await owner.lineage.graph({ workspaceId, model: "orphan-model", version: "latest" });
    expect(graph.nodes.map((n) => n.kind)).toEqual(["model"]);
    expect(graph.edges).toEqual([]);
    expect((await failure(owner.lineage.graph({ workspaceId, model: "no-such-model" }))).code).toBe("NOT_FOUND");
    expect((await failure(owner.lineage.graph({ workspaceId, model: "lineage-model", runId }))).code).toBe(
      "BAD_REQUEST",
    );
    expect((await failure(owner.lineage.graph({ workspaceId, model: "lineage-model", version: "1:2" }))).code).toBe(
      "BAD_REQUEST",
    );
  });
});

describe("comparing versions and reading their files", () => {
  beforeAll(async () => {
    const a = await trainedRun({ lr: "0.1", epochs: "8" }, 0.81);
    const b = await trainedRun({ lr: "0.01", epochs: "8" }, 0.93);
    await owner.models.register({ workspaceId, name: "compared", runId: a.id, path: "outputs/model" });
    await owner.models.register({ workspaceId, name: "compared", runId: b.id, path: "outputs/model" });
    await owner.models.setAlias({ workspaceId, name: "compared", alias: "champion", version: 2 });
  });

  it("puts versions side by side with their runs' params and last metrics, in the order asked", async () => {
    const rows = await owner.models.compare({ workspaceId, name: "compared", versions: [2, 1] });
    expect(rows.map((r) => [r.ref, r.aliases])).toEqual([
      ["compared:2", ["champion"]],
      ["compared:1", []],
    ]);
    expect(rows[0]!.run).toMatchObject({ params: { lr: "0.01", epochs: "8" }, metrics: { accuracy: 0.93 } });
    expect(rows[1]!.run).toMatchObject({ params: { lr: "0.1", epochs: "8" }, metrics: { accuracy: 0.81 } });
  });

  it("refuses missing versions and too many, and answers a version without a run", async () => {
    expect(await failure(owner.models.compare({ workspaceId, name: "compared", versions: [1, 7] }))).toEqual({
      code: "NOT_FOUND",
      message: "Registered model 'compared' has no version 7",
    });
    const eleven = Array.from({ length: 11 }, (_, i) => i + 1);
    expect((await failure(owner.models.compare({ workspaceId, name: "compared", versions: eleven }))).code).toBe(
      "BAD_REQUEST",
    );
    expect((await failure(owner.models.compare({ workspaceId, name: "compared", versions: [] }))).code).toBe(
      "BAD_REQUEST",
    );
    await owner.models.create({ workspaceId, name: "no-run" });
    const run = await trainedRun({}, 1);
    await owner.models.register({ workspaceId, name: "no-run", runId: run.id, path: "outputs/model" });
    await db().run.update({ where: { id: run.id }, data: { deletedAt: new Date() } });
    expect(await owner.models.compare({ workspaceId, name: "no-run", versions: [1] })).toEqual([
      expect.objectContaining({ ref: "no-run:1", run: null }),
    ]);
  });

  it("previews a text file, refuses a binary one, and names who registered each version", async () => {
    const mlmodel = await owner.models.previewText({
      workspaceId,
      name: "compared",
      version: "champion",
      path: "MLmodel",
    });
    expect(mlmodel).toMatchObject({ path: "MLmodel", text: MLMODEL, isTruncated: false, isJson: false });
    expect(
      await failure(owner.models.previewText({ workspaceId, name: "compared", version: "1", path: "model.bin" })),
    ).toEqual({ code: "BAD_REQUEST", message: "'model.bin' is a binary file; download it instead" });
    expect(
      (await failure(owner.models.previewText({ workspaceId, name: "compared", version: "1", path: "nope.txt" }))).code,
    ).toBe("NOT_FOUND");
    const detail = await owner.models.byName({ workspaceId, name: "compared" });
    expect(detail.versions.map((v) => v.createdByName)).toEqual([ownerName, ownerName]);
  });

  it("streams a file to view in place, with its type, and answers 304 for the same bytes", async () => {
    const view = (path: string, headers: Record<string, string> = {}) =>
      viewGet(
        new Request(
          `http://studio.test/api/v1/workspaces/${workspaceId}/models/compared/versions/2/view?path=${path}`,
          { headers: { authorization: `Bearer ${token}`, ...headers } },
        ),
        { params: Promise.resolve({ workspaceId, name: "compared", version: "2" }) },
      );
    const shown = await view("MLmodel");
    expect(shown.status).toBe(200);
    expect(shown.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    expect(await shown.text()).toBe(MLMODEL);
    const again = await view("MLmodel", { "if-none-match": shown.headers.get("etag")! });
    expect(again.status).toBe(304);
    expect((await view("missing.txt")).status).toBe(404);
  });

  it("sorts the list by the model's own last change", async () => {
    await owner.models.update({ workspaceId, name: "lineage-model", description: "touched last" });
    const { models } = await owner.models.list({ workspaceId, orderBy: ["updatedAt DESC"] });
    expect(models[0]!.name).toBe("lineage-model");
    expect((await failure(owner.models.list({ workspaceId, orderBy: ["size DESC"] }))).code).toBe("BAD_REQUEST");
  });
});
