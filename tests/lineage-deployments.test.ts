import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import { writeUploadChunk } from "../server/services/data/write-upload-chunk";
import { ensureCuratedEnvironments } from "../server/services/environments/curated-environments";
import { createApiToken } from "../server/services/tokens/create-api-token";
import { handleRest } from "../server/trpc/rest-handler";
import { callerFor, createUser, sharedHost, workspaceWithRoles } from "./helpers/actors";
import { LOCAL_DOCKER } from "./helpers/docker";
import { codeArchive } from "./helpers/code-archive";

// Lineage reaches the endpoints: data → run → model version → the online and batch deployments
// that serve it. Deployments are created as the API creates them; none ever gets an instance,
// which lineage does not need.

const MLMODEL = "flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n";

describe("lineage from data to endpoints", () => {
  let workspaceId: string;
  let owner: ReturnType<typeof callerFor>;
  let members: Awaited<ReturnType<typeof workspaceWithRoles>>["members"];
  let ids: { data: string; train: string; model: string; scorer: string; online: string; batch: string };

  beforeAll(async () => {
    // What the worker does at start: the curated environment deployments use by default.
    await ensureCuratedEnvironments();
    const user = await createUser("lineage-owner");
    const made = await workspaceWithRoles(user);
    workspaceId = made.workspace.id;
    members = made.members;
    owner = callerFor(user);

    const session = await owner.data.createUpload({
      workspaceId,
      name: "iris-train",
      type: "uri_file",
      files: [{ path: "iris.csv", size: 4 }],
    });
    await writeUploadChunk(workspaceId, session.uploadId, 0, 0, Readable.from([Buffer.from("a,b\n")]));
    await owner.data.commitUpload({ workspaceId, uploadId: session.uploadId });
    const data = await db().dataAssetVersion.findFirstOrThrow({
      where: { asset: { workspaceId, name: "iris-train" } },
    });

    const train = await owner.runs.create({ workspaceId, experimentName: "lineage", displayName: "train-iris" });
    // What a job's submission records for each data input.
    await db().runDataLink.create({
      data: { runId: train.id, versionId: data.id, direction: "input", name: "training", mode: "ro_mount" },
    });
    for (const [file, content] of Object.entries({ MLmodel: MLMODEL, "model.pkl": "weights" }))
      await uploadArtifact(workspaceId, train.id, `outputs/model/${file}`, Readable.from([Buffer.from(content)]));
    const model = await owner.models.register({ workspaceId, name: "iris", runId: train.id, path: "outputs/model" });

    // A job that read the model as an input, as submitting `crucible:models/iris:1` records it.
    const scorer = await owner.runs.create({ workspaceId, experimentName: "lineage", displayName: "score-iris" });
    await db().runModelInput.create({
      data: { runId: scorer.id, versionId: model.id, name: "clf", mode: "ro_mount", requestedRef: "iris:1" },
    });

    await owner.endpoints.create({ workspaceId, name: "iris-online", description: "" });
    const online = await owner.endpoints.createDeployment({
      workspaceId,
      endpointName: "iris-online",
      name: "blue",
      model: "iris:1",
    });
    await sharedHost(owner, workspaceId, { name: "local", endpoint: LOCAL_DOCKER, maxConcurrentRuns: 1 });
    await owner.batchEndpoints.create({ workspaceId, name: "iris-batch", description: "" });
    const batch = await owner.batchEndpoints.createDeployment({
      workspaceId,
      endpointName: "iris-batch",
      name: "nightly",
      model: "iris:1",
      compute: "local",
      codeArchive: await codeArchive({ "score.py": "def init():\n    pass\n\ndef run(batch):\n    return batch\n" }),
      scoringScript: "score.py",
    });
    const onlineRow = await db().onlineDeployment.findFirstOrThrow({
      where: { endpoint: { workspaceId }, name: online.name },
    });
    const batchRow = await db().batchDeployment.findFirstOrThrow({
      where: { endpoint: { workspaceId }, name: batch.name },
    });
    ids = {
      data: data.id,
      train: train.id,
      model: model.id,
      scorer: scorer.id,
      online: onlineRow.id,
      batch: batchRow.id,
    };
  });

  const onlineNode = () => ({
    id: `deployment:online:${ids.online}`,
    kind: "deployment",
    endpointType: "online",
    endpoint: "iris-online",
    deployment: "blue",
    state: "Creating",
    label: "iris-online/blue",
  });
  const batchNode = () => ({
    id: `deployment:batch:${ids.batch}`,
    kind: "deployment",
    endpointType: "batch",
    endpoint: "iris-batch",
    deployment: "nightly",
    state: null,
    label: "iris-batch/nightly",
  });

  it("follows a data version through the run and the model it made to both deployments, in three hops", async () => {
    const graph = await owner.lineage.graph({ workspaceId, asset: "iris-train", version: "1", depth: 3 });
    expect(graph.root).toBe(`data:${ids.data}`);
    expect(graph.nodes).toEqual(expect.arrayContaining([onlineNode(), batchNode()]));
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        { from: `data:${ids.data}`, to: `run:${ids.train}`, name: "training" },
        { from: `run:${ids.train}`, to: `model:${ids.model}`, name: "registered" },
        { from: `model:${ids.model}`, to: `deployment:online:${ids.online}`, name: "deployed" },
        { from: `model:${ids.model}`, to: `deployment:batch:${ids.batch}`, name: "deployed" },
      ]),
    );
    // Two hops stop at the model.
    const near = await owner.lineage.graph({ workspaceId, asset: "iris-train", version: "1", depth: 2 });
    expect(near.nodes.some((n) => n.kind === "deployment")).toBe(false);
  });

  it("shows, around a model version, its run and data, the jobs that read it and its deployments", async () => {
    const graph = await owner.lineage.graph({ workspaceId, model: "iris", version: "1", depth: 2 });
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(
      [
        `data:${ids.data}`,
        `run:${ids.train}`,
        `model:${ids.model}`,
        `run:${ids.scorer}`,
        `deployment:online:${ids.online}`,
        `deployment:batch:${ids.batch}`,
      ].sort(),
    );
    expect(graph.edges).toContainEqual({ from: `model:${ids.model}`, to: `run:${ids.scorer}`, name: "clf" });
    expect(graph.edges).toHaveLength(5);
    // From the job that read it, the model and what serves it.
    const fromScorer = await owner.lineage.graph({ workspaceId, runId: ids.scorer, depth: 2 });
    expect(fromScorer.nodes).toEqual(expect.arrayContaining([onlineNode(), batchNode()]));
  });

  it("answers the same graph over REST", async () => {
    const token = (await createApiToken(members.Reader.id, "lineage")).token;
    const response = await handleRest(
      new Request(`http://studio.test/api/v1/workspaces/${workspaceId}/lineage?model=iris&version=1&depth=1`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(response.status).toBe(200);
    const graph = (await response.json()) as { nodes: { kind: string; label: string }[] };
    expect(
      graph.nodes
        .filter((n) => n.kind === "deployment")
        .map((n) => n.label)
        .sort(),
    ).toEqual(["iris-batch/nightly", "iris-online/blue"]);
  });

  it("leaves deployments out for a role that may read models but not endpoints", async () => {
    const role = await owner.roles.create({
      workspaceId,
      name: `no-endpoints-${Date.now()}`,
      actions: ["workspace:read", "data:read", "experiment:read", "model:read"],
    });
    const member = await createUser("no-endpoints");
    await db().membership.create({ data: { workspaceId, userId: member.id, customRoleId: role.id } });
    const graph = await callerFor(member).lineage.graph({ workspaceId, model: "iris", version: "1" });
    expect(graph.nodes.map((n) => n.kind).sort()).toEqual(["data", "model", "run", "run"]);
  });

  it("drops a deleted deployment from the graph", async () => {
    await owner.batchEndpoints.deleteDeployment({ workspaceId, endpointName: "iris-batch", name: "nightly" });
    const graph = await owner.lineage.graph({ workspaceId, model: "iris", version: "1", depth: 1 });
    expect(graph.nodes.filter((n) => n.kind === "deployment").map((n) => n.id)).toEqual([
      `deployment:online:${ids.online}`,
    ]);
  });
});
