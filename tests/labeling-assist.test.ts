import { Readable } from "node:stream";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import { openDataFile } from "../server/services/data/open-data-file";
import { sweepContainers } from "../server/worker/sweep-containers";
import { Worker } from "../server/worker/worker";
import { callerFor, createUser, ownerWorkspace, sharedHost } from "./helpers/actors";
import { uploadDataVersion } from "./helpers/data-upload";
import { isDockerAvailable, LOCAL_DOCKER } from "./helpers/docker";
import { solidPng } from "./helpers/png";
import { waitFor } from "./helpers/wait-for";

const hasDocker = await isDockerAvailable();

type TCaller = ReturnType<typeof callerFor>;

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a failure");
}

/**
 * A stand-in model answering ML assist's request: text with "good" is positive, other text negative,
 * "weird" text gets a label no project has; an image gets one box over its middle, its size read from
 * the PNG bytes sent (and checked against the width and height given). A project with a label "boom"
 * makes it fail.
 */
const SCORE_PY = `import base64, json, struct

def init():
    pass

def run(raw_data):
    request = json.loads(raw_data)
    if "boom" in request["labels"]:
        raise RuntimeError("the model fell over")
    predictions = []
    for item in request["items"]:
        if request["task"] == "objectDetection":
            png = base64.b64decode(item["image_base64"])
            w, h = struct.unpack(">II", png[16:24])
            if (w, h) != (item["width"], item["height"]):
                raise ValueError(f"size {item['width']}x{item['height']} does not match the image's {w}x{h}")
            box = {"label": request["labels"][0], "x": w / 4, "y": h / 4, "width": w / 2, "height": h / 2}
            predictions.append({"boxes": [box], "score": 0.75})
        else:
            text = item["text"]
            label = "neutral" if "weird" in text else ("positive" if "good" in text else "negative")
            predictions.append({"labels": [label], "score": 0.9})
    return {"predictions": predictions}
`;

// Probes quick enough for a test; the defaults are Azure's 10 s periods.
const FAST_PROBE = { period: 0.2, initial_delay: 0, timeout: 1, failure_threshold: 100 };

describe("ML assist without an endpoint", () => {
  it("refuses to predict for a project that has no assist endpoint, and names one that does not exist", async () => {
    const { owner, workspaceId } = await ownerWorkspace();
    await uploadDataVersion(
      owner,
      workspaceId,
      { name: "notes", type: "table" },
      { "notes.csv": "id,text\n1,hello\n" },
    );
    await owner.labeling.create({
      workspaceId,
      name: "plain",
      taskType: "textClassification",
      labels: [{ name: "a" }, { name: "b" }],
      data: "notes:1",
    });
    expect(await failure(owner.labeling.predict({ workspaceId, name: "plain" }))).toEqual({
      code: "BAD_REQUEST",
      message: expect.stringContaining("no ML assist endpoint"),
    });
    // The project labels as before without one.
    const item = (await owner.labeling.next({ workspaceId, name: "plain" }))!;
    expect(item.predictions).toEqual([]);

    await owner.labeling.update({ workspaceId, name: "plain", assistEndpoint: "nowhere" });
    const outcome = await owner.labeling.predict({ workspaceId, name: "plain" });
    expect(outcome).toMatchObject({ predicted: 0, refused: 0 });
    expect(outcome.errors).toEqual([expect.stringMatching(/answered 404: .*'nowhere' not found/)]);
    expect(await db().labelingPrediction.count({ where: { item: { project: { workspaceId } } } })).toBe(0);
  });
});

describe.skipIf(!hasDocker)("ML assist through a real online endpoint", () => {
  let worker: Worker;
  let owner: TCaller;
  let workspaceId: string;

  async function member(label: string, role: "Contributor" | "DataScientist" = "DataScientist") {
    const user = await createUser(label);
    await db().membership.create({ data: { workspaceId, userId: user.id, role } });
    return callerFor(user);
  }

  async function stored(project: string) {
    const rows = await db().labelingPrediction.findMany({
      where: { item: { project: { workspaceId, name: project } }, error: null },
      include: { item: { select: { key: true } } },
      orderBy: { item: { seq: "asc" } },
    });
    return rows.map((r) => ({ key: r.item.key, source: r.source, result: r.result, score: r.score }));
  }

  async function readExport(ref: string, path: string): Promise<string> {
    const file = await openDataFile(workspaceId, ref, path);
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  beforeAll(async () => {
    ({ workspaceId, owner } = await ownerWorkspace());
    await sharedHost(owner, workspaceId, { name: "local", endpoint: LOCAL_DOCKER, maxConcurrentRuns: 2 });
    const run = await owner.runs.create({ workspaceId, experimentName: "assist" });
    await uploadArtifact(workspaceId, run.id, "outputs/model/weights.txt", Readable.from([Buffer.from("w")]));
    await owner.models.register({ workspaceId, name: "sentiment", runId: run.id, path: "outputs/model" });
    worker = new Worker([workspaceId]);
    await worker.start();
    await owner.endpoints.create({ workspaceId, name: "assist", description: "ML assist for labeling" });
    await owner.endpoints.createDeployment({
      workspaceId,
      endpointName: "assist",
      name: "blue",
      model: "sentiment:1",
      code_configuration: { code: { "score.py": SCORE_PY }, scoring_script: "score.py" },
      liveness_probe: FAST_PROBE,
      readiness_probe: FAST_PROBE,
    });
    await waitFor(
      "the assist deployment to be ready",
      async () => {
        const endpoint = await owner.endpoints.byName({ workspaceId, endpointName: "assist" });
        const blue = endpoint.deployments.find((d) => d.name === "blue")!;
        if (blue.state === "Failed") throw new Error(`the deployment failed: ${blue.error}`);
        return blue.state === "Ready" && blue.instances.every((i) => i.state === "Ready");
      },
      180_000,
      250,
    );
    await owner.endpoints.update({ workspaceId, endpointName: "assist", traffic: { blue: 100 } });

    await uploadDataVersion(
      owner,
      workspaceId,
      { name: "reviews", type: "table" },
      {
        "reviews.csv": "id,text\n1,A good phone\n2,Bad battery\n3,This is weird\n4,good value\n5,Arrived late\n",
      },
    );
    await uploadDataVersion(
      owner,
      workspaceId,
      { name: "street" },
      {
        "a.png": solidPng(40, 30),
        "b.png": solidPng(64, 48, [10, 200, 10]),
        "c.png": solidPng(20, 20),
      },
    );
  }, 300_000);

  afterAll(async () => {
    await worker?.stop();
    await owner?.endpoints.delete({ workspaceId, endpointName: "assist" }).catch(() => undefined);
    await sweepContainers();
  });

  it("stores checked text suggestions with their score, shows them to the labeler, and never counts them", async () => {
    await owner.labeling.create({
      workspaceId,
      name: "sentiment",
      taskType: "textClassification",
      labels: [{ name: "positive" }, { name: "negative" }],
      data: "reviews:1",
      assistEndpoint: "assist",
    });
    const before = await owner.labeling.byName({ workspaceId, name: "sentiment" });

    // "This is weird" comes back as 'neutral', not a label of the project: refused and counted, not kept.
    expect(await owner.labeling.predict({ workspaceId, name: "sentiment" })).toEqual({
      predicted: 4,
      refused: 1,
      errors: [],
    });
    const suggestion = (labels: string[]) => ({ source: "endpoint:assist", result: { labels }, score: 0.9 });
    expect(await stored("sentiment")).toEqual([
      { key: "reviews.csv#1", ...suggestion(["positive"]) },
      { key: "reviews.csv#2", ...suggestion(["negative"]) },
      { key: "reviews.csv#4", ...suggestion(["positive"]) },
      { key: "reviews.csv#5", ...suggestion(["negative"]) },
    ]);

    // The refused answer is kept with its reason, only to mark the item as asked.
    const marked = await db().labelingPrediction.findMany({
      where: { item: { project: { workspaceId, name: "sentiment" } }, error: { not: null } },
    });
    expect(marked.map((m) => m.error)).toEqual([expect.stringContaining("is not a label of this project")]);
    // Asked again, no item is asked about twice, the refused one included.
    expect(await owner.labeling.predict({ workspaceId, name: "sentiment" })).toEqual({
      predicted: 0,
      refused: 0,
      errors: [],
    });
    expect(await stored("sentiment")).toHaveLength(4);

    // Suggestions change no status and no count.
    const after = await owner.labeling.byName({ workspaceId, name: "sentiment" });
    expect(after.counts).toEqual(before.counts);
    expect(after.counts).toMatchObject({ todo: 5, total: 5, needsReview: 0, done: 0 });
    const items = await owner.labeling.items({ workspaceId, name: "sentiment" });
    expect(items.items.map((i) => [i.status, i.annotations.length])).toEqual(Array(5).fill(["todo", 0]));
    const quiet = await owner.labeling.dashboard({ workspaceId, name: "sentiment" });
    expect(quiet.labels.map((l) => l.count)).toEqual([0, 0]);
    expect(quiet.people).toEqual([]);

    // The labeler is handed the item with its suggestion, corrects it, and only that is counted and exported.
    const labeler = await member("labeler");
    const reviewer = await member("reviewer", "Contributor");
    const first = (await labeler.labeling.next({ workspaceId, name: "sentiment" }))!;
    expect(first).toMatchObject({
      key: "reviews.csv#1",
      text: "A good phone",
      predictions: [suggestion(["positive"])],
    });
    const weird = items.items.find((i) => i.key === "reviews.csv#3")!;
    expect((await owner.labeling.item({ workspaceId, name: "sentiment", itemId: weird.id })).item.predictions).toEqual(
      [],
    );

    const saved = await labeler.labeling.submit({
      workspaceId,
      name: "sentiment",
      itemId: first.id,
      result: { labels: ["negative"] },
    });
    await reviewer.labeling.review({ workspaceId, name: "sentiment", annotationId: saved.id, decision: "accept" });
    const dashboard = await owner.labeling.dashboard({ workspaceId, name: "sentiment" });
    expect(dashboard.counts).toMatchObject({ todo: 4, done: 1, total: 5 });
    expect(dashboard.labels.map((l) => [l.name, l.count])).toEqual([
      ["positive", 0],
      ["negative", 1],
    ]);
    expect(dashboard.people.map((p) => [p.accepted, p.submitted, p.open])).toEqual([[1, 0, 0]]);
    expect(dashboard.throughput.map((t) => t.submitted)).toEqual([1]);

    await owner.labeling.export({ workspaceId, name: "sentiment", format: "csv" });
    await waitFor(
      "the export",
      async () => (await owner.labeling.exports({ workspaceId, name: "sentiment" }))[0]!.status === "done",
    );
    const csv = await readExport("sentiment-labels:1", "labels.csv");
    expect(csv.trim().split("\n")).toEqual([
      "item,path,labels,text",
      "reviews.csv#1,reviews.csv,negative,A good phone",
    ]);
  });

  it("sends images with their size and keeps boxes inside them", async () => {
    await owner.labeling.create({
      workspaceId,
      name: "cars",
      taskType: "objectDetection",
      labels: [{ name: "car" }, { name: "person" }],
      data: "street:1",
      assistEndpoint: "assist",
    });
    expect(await owner.labeling.predict({ workspaceId, name: "cars", count: 2 })).toEqual({
      predicted: 2,
      refused: 0,
      errors: [],
    });
    expect(await owner.labeling.predict({ workspaceId, name: "cars" })).toEqual({
      predicted: 1,
      refused: 0,
      errors: [],
    });
    const box = (w: number, h: number) => ({
      source: "endpoint:assist",
      result: { boxes: [{ label: "car", x: w / 4, y: h / 4, width: w / 2, height: h / 2 }] },
      score: 0.75,
    });
    expect(await stored("cars")).toEqual([
      { key: "a.png", ...box(40, 30) },
      { key: "b.png", ...box(64, 48) },
      { key: "c.png", ...box(20, 20) },
    ]);
    const labeler = await member("boxer");
    const item = (await labeler.labeling.next({ workspaceId, name: "cars" }))!;
    expect(item).toMatchObject({ key: "a.png", width: 40, height: 30, predictions: [box(40, 30)] });
    // A held item stays to do until labels are submitted; suggestions never move it.
    expect((await owner.labeling.byName({ workspaceId, name: "cars" })).counts).toMatchObject({
      todo: 3,
      needsReview: 0,
      done: 0,
    });
  });

  it("counts each suggestion once when two people ask at the same time", async () => {
    await owner.labeling.create({
      workspaceId,
      name: "twice",
      taskType: "textClassification",
      labels: [{ name: "positive" }, { name: "negative" }],
      data: "reviews:1",
      assistEndpoint: "assist",
    });
    const outcomes = await Promise.all([
      owner.labeling.predict({ workspaceId, name: "twice" }),
      owner.labeling.predict({ workspaceId, name: "twice" }),
    ]);
    expect(await stored("twice")).toHaveLength(4);
    expect(outcomes.map((o) => o.predicted).reduce((a, b) => a + b)).toBe(4);
  });

  it("reports an endpoint that answers 500 and stores nothing", async () => {
    await owner.labeling.create({
      workspaceId,
      name: "crash",
      taskType: "textClassification",
      labels: [{ name: "boom" }, { name: "calm" }],
      data: "reviews:1",
      assistEndpoint: "assist",
    });
    const outcome = await owner.labeling.predict({ workspaceId, name: "crash" });
    expect(outcome).toMatchObject({ predicted: 0, refused: 0 });
    expect(outcome.errors).toEqual([expect.stringMatching(/^The endpoint answered 500: .*the model fell over/)]);
    expect(await stored("crash")).toEqual([]);
    expect((await owner.labeling.byName({ workspaceId, name: "crash" })).counts).toMatchObject({ todo: 5, total: 5 });
  });
});
