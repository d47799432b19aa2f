import { Readable } from "node:stream";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import { writeUploadChunk } from "../server/services/data/write-upload-chunk";
import { Worker } from "../server/worker/worker";
import { callerFor, createUser, ownerWorkspace, sharedHost } from "./helpers/actors";
import { isDockerAvailable, LOCAL_DOCKER } from "./helpers/docker";
import { waitFor } from "./helpers/wait-for";

const hasDocker = await isDockerAvailable();

type TCaller = ReturnType<typeof callerFor>;

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

// init() reads the model as Azure's scoring scripts do; run() answers one row per file.
const SCORE = `
import os

def init():
    global weight
    with open(os.path.join(os.environ["AZUREML_MODEL_DIR"], "model.txt")) as f:
        weight = f.read().strip()

def run(mini_batch):
    rows = []
    for path in mini_batch:
        with open(path) as f:
            rows.append({"value": int(f.read()) * 10, "weight": weight})
    return rows
`;

// Raises whenever its mini-batch holds f07.txt, and says so each time, so the test can count the attempts.
const FLAKY = `
import os

def run(mini_batch):
    if any(p.endswith("f07.txt") for p in mini_batch):
        print("SCORING-F07", flush=True)
        raise ValueError("cannot read f07.txt")
    return [os.path.basename(p) for p in mini_batch]
`;
import { codeArchive } from "./helpers/code-archive";

describe.skipIf(!hasDocker)("batch endpoints score data assets with registered models", () => {
  let worker: Worker;
  let workspaceId: string;
  let owner: TCaller;

  async function registerModel(name: string, weights: string) {
    const run = await owner.runs.create({ workspaceId, experimentName: "training" });
    await uploadArtifact(workspaceId, run.id, "outputs/model/model.txt", Readable.from([Buffer.from(weights)]));
    return owner.models.register({ workspaceId, name, runId: run.id, path: "outputs/model" });
  }

  async function uploadData(name: string, files: Record<string, string>) {
    const session = await owner.data.createUpload({
      workspaceId,
      name,
      type: "uri_folder",
      files: Object.entries(files).map(([path, content]) => ({ path, size: Buffer.byteLength(content) })),
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

  const finished = (runId: string) =>
    waitFor(
      `run ${runId} to end`,
      async () => {
        const run = await db().run.findUnique({ where: { id: runId } });
        return run && ["Completed", "Failed", "Canceled", "TimedOut"].includes(run.status) ? run : null;
      },
      180_000,
    );
  const consoleText = async (runId: string) =>
    (await owner.jobs.logs({ workspaceId, runId, limit: 5000 })).lines.map((l) => l.text).join("\n");
  const metric = async (runId: string, key: string) =>
    (await db().metricSummary.findUnique({ where: { runId_key: { runId, key } } }))?.lastValue ?? null;

  beforeAll(async () => {
    ({ workspaceId, owner } = await ownerWorkspace());
    await sharedHost(owner, workspaceId, { name: "local", endpoint: LOCAL_DOCKER, maxConcurrentRuns: 4 });
    worker = new Worker([workspaceId]);
    await worker.start();
    await registerModel("iris", "w1");
    await registerModel("iris", "w2");
    await owner.models.setAlias({ workspaceId, name: "iris", alias: "champion", version: 1 });
    const files: Record<string, string> = {};
    for (let i = 1; i <= 25; i++) files[`f${String(i).padStart(2, "0")}.txt`] = String(i);
    await uploadData("docs", files);
  });
  afterAll(async () => {
    await worker.stop();
  });

  it("scores 25 files in mini-batches of 10: one row per file, progress 3/3, output registered", async () => {
    await owner.batchEndpoints.create({ workspaceId, name: "scorer", description: "Scores documents" });
    const deployment = await owner.batchEndpoints.createDeployment({
      workspaceId,
      endpointName: "scorer",
      name: "blue",
      model: "iris@champion",
      compute: "local",
      codeArchive: await codeArchive({ "src/score.py": SCORE, "src/README.md": "scoring code" }),
      scoringScript: "src/score.py",
      miniBatchSize: 10,
    });
    expect(deployment).toMatchObject({
      model: "iris:1",
      modelRef: "iris@champion",
      environment: "crucible-sklearn:1",
      miniBatchSize: 10,
      instanceCount: 1,
      maxConcurrencyPerInstance: 1,
      retrySettings: { maxRetries: 3, timeoutS: 30 },
      errorThreshold: -1,
      outputAction: "append_row",
      outputFileName: "predictions.csv",
      codeFileCount: 2,
      isDefault: true,
    });
    // The alias moves; the deployment keeps the version it was made with.
    await owner.models.setAlias({ workspaceId, name: "iris", alias: "champion", version: 2 });

    const invoked = await owner.batchEndpoints.invoke({
      workspaceId,
      endpointName: "scorer",
      input: "crucible:docs:1",
    });
    expect(invoked).toMatchObject({ deployment: "blue", model: "iris:1" });
    const run = await finished(invoked.runId);
    const text = await consoleText(invoked.runId);
    expect(run.status, text).toBe("Completed");
    expect(text).toContain("25 file(s) in 3 mini-batch(es) of up to 10");

    const [job] = await owner.batchEndpoints.jobs({ workspaceId, endpointName: "scorer" });
    expect(job).toMatchObject({
      runId: invoked.runId,
      deployment: "blue",
      input: "docs:1",
      status: "Completed",
      progress: { total: 3, done: 3, failed: 0 },
      output: "scorer-predictions:1",
    });
    const files = await owner.data.files({ workspaceId, name: "scorer-predictions", version: "1" });
    expect(files.files.map((f) => f.path).sort()).toEqual(["batch-summary.json", "predictions.csv"]);
    const csv = await owner.data.previewText({
      workspaceId,
      name: "scorer-predictions",
      version: "1",
      path: "predictions.csv",
    });
    const lines = csv.text.trim().split("\n");
    expect(lines[0]).toBe("file,value,weight");
    expect(lines).toHaveLength(26);
    expect(lines.slice(1)).toContain("f07.txt,70,w1");
    expect(lines.slice(1)).toContain("f25.txt,250,w1");

    // A version a deployment scores with cannot be deleted.
    expect(await failure(owner.models.deleteVersion({ workspaceId, name: "iris", version: "1" }))).toEqual({
      code: "CONFLICT",
      message: expect.stringMatching(/^Version 1 is deployed by 'blue' of endpoint 'scorer'/),
    });
    expect(await failure(owner.models.delete({ workspaceId, name: "iris" }))).toMatchObject({ code: "CONFLICT" });
  });

  it("splits the mini-batches over 3 instances, each a child job, and merges their rows into one output", async () => {
    await owner.batchEndpoints.createDeployment({
      workspaceId,
      endpointName: "scorer",
      name: "wide",
      model: "iris:1",
      compute: "local",
      codeArchive: await codeArchive({ "src/score.py": SCORE }),
      scoringScript: "src/score.py",
      miniBatchSize: 5,
      instanceCount: 3,
    });
    const invoked = await owner.batchEndpoints.invoke({
      workspaceId,
      endpointName: "scorer",
      deploymentName: "wide",
      input: "docs@latest",
    });
    const run = await finished(invoked.runId);
    const text = await consoleText(invoked.runId);
    expect(run.status, text).toBe("Completed");
    expect(text).toContain("Batch: 3 instance(s) ended: 5/5 mini-batches, 0 failed, 25 row(s)");

    // Each instance is a job of its own, scoring every third mini-batch of 5 files.
    const children = await db().run.findMany({
      where: { parentRunId: invoked.runId },
      include: { tags: true, job: true },
      orderBy: { createdAt: "asc" },
    });
    expect(children.map((c) => [c.status, c.tags.find((t) => t.key === "batch_instance")?.value])).toEqual([
      ["Completed", "0"],
      ["Completed", "1"],
      ["Completed", "2"],
    ]);
    expect(children.every((c) => c.job !== null)).toBe(true);
    expect(await consoleText(children[2]!.id)).toContain("instance 3 of 3: 1 of 5 mini-batches");

    const jobs = await owner.batchEndpoints.jobs({ workspaceId, endpointName: "scorer" });
    expect(jobs.find((j) => j.runId === invoked.runId)).toMatchObject({
      deployment: "wide",
      input: "docs:1",
      status: "Completed",
      progress: { total: 5, done: 5, failed: 0 },
      output: "scorer-predictions:2",
    });
    // The merged file reads as the one instance of 'blue' wrote it (same model version, same rows).
    const read = (version: string) =>
      owner.data.previewText({ workspaceId, name: "scorer-predictions", version, path: "predictions.csv" });
    expect((await read("2")).text).toBe((await read("1")).text);
    const files = await owner.data.files({ workspaceId, name: "scorer-predictions", version: "2" });
    expect(files.files.map((f) => f.path).sort()).toEqual(["batch-summary.json", "predictions.csv"]);
  });

  it("retries a failing mini-batch, counts the bad file failed, and fails the job past error_threshold", async () => {
    await owner.batchEndpoints.create({ workspaceId, name: "flaky" });
    const common = {
      workspaceId,
      endpointName: "flaky",
      model: "iris:2",
      compute: "local",
      codeArchive: await codeArchive({ "score.py": FLAKY }),
      scoringScript: "score.py",
      miniBatchSize: 10,
      maxRetries: 2,
      timeoutS: 20,
    };
    await owner.batchEndpoints.createDeployment({ ...common, name: "lenient", errorThreshold: -1 });
    await owner.batchEndpoints.createDeployment({ ...common, name: "strict", errorThreshold: 0 });
    const lenient = await owner.batchEndpoints.invoke({
      workspaceId,
      endpointName: "flaky",
      input: "docs@latest",
      outputName: "flaky-scores",
    });
    const strict = await owner.batchEndpoints.invoke({
      workspaceId,
      endpointName: "flaky",
      input: "docs:1",
      deploymentName: "strict",
    });
    expect(lenient.deployment).toBe("lenient");

    const lenientRun = await finished(lenient.runId);
    const lenientText = await consoleText(lenient.runId);
    expect(lenientRun.status, lenientText).toBe("Completed");
    // The mini-batch is tried 1 + max_retries times, then each of its files alone: f07 once more.
    expect(lenientText.match(/SCORING-F07/g)).toHaveLength(4);
    expect(lenientText).toContain("attempt 3/3 of 10 file(s) failed: ValueError: cannot read f07.txt");
    expect(lenientText).toContain("batch: failed: f07.txt: ValueError: cannot read f07.txt");
    expect(await metric(lenient.runId, "mini_batches_done")).toBe(3);
    expect(await metric(lenient.runId, "mini_batches_failed")).toBe(1);
    const csv = await owner.data.previewText({
      workspaceId,
      name: "flaky-scores",
      version: "1",
      path: "predictions.csv",
    });
    const rows = csv.text.trim().split("\n").slice(1);
    expect(rows).toHaveLength(24);
    expect(rows.some((r) => r.startsWith("f07.txt"))).toBe(false);
    const summary = await owner.data.previewText({
      workspaceId,
      name: "flaky-scores",
      version: "1",
      path: "batch-summary.json",
    });
    expect(JSON.parse(summary.text)).toMatchObject({
      files: 25,
      mini_batches_failed: 1,
      rows: 24,
      failed_files: [{ file: "f07.txt", error: "ValueError: cannot read f07.txt" }],
    });

    const strictRun = await finished(strict.runId);
    const strictText = await consoleText(strict.runId);
    expect(strictRun.status, strictText).toBe("Failed");
    expect(strictText).toContain("batch: stopped: 1 file(s) failed, more than error_threshold 0 (f07.txt)");
    const jobs = await owner.batchEndpoints.jobs({ workspaceId, endpointName: "flaky" });
    expect(jobs.map((j) => [j.deployment, j.status, j.output])).toEqual([
      ["strict", "Failed", null],
      ["lenient", "Completed", "flaky-scores:1"],
    ]);
    expect(jobs[0]!.failureReason).toMatch(/exited with code 1/);

    // On two instances the one holding f07 fails; the job fails with its reason and registers nothing.
    await owner.batchEndpoints.createDeployment({
      ...common,
      name: "strict-wide",
      errorThreshold: 0,
      instanceCount: 2,
    });
    const wide = await owner.batchEndpoints.invoke({
      workspaceId,
      endpointName: "flaky",
      input: "docs:1",
      deploymentName: "strict-wide",
    });
    const wideRun = await finished(wide.runId);
    expect(wideRun.status, await consoleText(wide.runId)).toBe("Failed");
    const [latest] = await owner.batchEndpoints.jobs({ workspaceId, endpointName: "flaky" });
    expect(latest).toMatchObject({ runId: wide.runId, status: "Failed", output: null });
    expect(latest!.failureReason).toMatch(
      /^instance 1 failed: .*exited with code 1.*; 1 file\(s\) failed, more than error_threshold 0$/,
    );
    // The failing instance stopped at the threshold, before its second mini-batch.
    expect(latest!.progress).toEqual({ total: 3, done: 2, failed: 1 });
  });

  it("refuses bad deployments and invocations with clear errors and writes nothing", async () => {
    await owner.batchEndpoints.create({ workspaceId, name: "checked" });
    const code = await codeArchive({ "score.py": SCORE });
    const base = {
      workspaceId,
      endpointName: "checked",
      name: "one",
      model: "iris:1",
      compute: "local",
      codeArchive: code,
      scoringScript: "score.py",
    };
    expect(await failure(owner.batchEndpoints.createDeployment({ ...base, model: "nope:1" }))).toEqual({
      code: "NOT_FOUND",
      message: "model: Registered model 'nope' not found",
    });
    expect(await failure(owner.batchEndpoints.createDeployment({ ...base, model: "iris:9" }))).toEqual({
      code: "NOT_FOUND",
      message: "model: Registered model 'iris' has no version 9",
    });
    expect(await failure(owner.batchEndpoints.createDeployment({ ...base, scoringScript: "main.py" }))).toEqual({
      code: "BAD_REQUEST",
      message: "code_configuration.scoring_script: 'main.py' is not in the code folder (it holds score.py)",
    });
    expect(await failure(owner.batchEndpoints.createDeployment({ ...base, compute: "nowhere" }))).toEqual({
      code: "BAD_REQUEST",
      message: "compute: no compute target or shared host named 'nowhere' in this workspace",
    });
    expect(
      await failure(owner.batchEndpoints.createDeployment({ ...base, codeArchive: "bm90IGEgdGFy" })),
    ).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^code: not a readable \.tar\.gz archive/) });
    const zero = await failure(owner.batchEndpoints.createDeployment({ ...base, miniBatchSize: 0 }));
    expect(zero.code).toBe("BAD_REQUEST");
    expect(zero.message).toMatch(/miniBatchSize.*mini_batch_size is at least 1/s);
    const many = await failure(owner.batchEndpoints.createDeployment({ ...base, instanceCount: 33 }));
    expect(many.message).toMatch(/instance_count is at most 32/);
    expect(await db().batchDeployment.count({ where: { endpoint: { workspaceId, name: "checked" } } })).toBe(0);

    const runsBefore = await db().run.count({ where: { workspaceId } });
    expect(
      await failure(owner.batchEndpoints.invoke({ workspaceId, endpointName: "checked", input: "docs:1" })),
    ).toEqual({
      code: "CONFLICT",
      message: "Batch endpoint 'checked' has no default deployment; create one first",
    });
    await owner.batchEndpoints.createDeployment(base);
    expect(
      await failure(owner.batchEndpoints.invoke({ workspaceId, endpointName: "checked", input: "crucible:missing:1" })),
    ).toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/^input: .*'missing'/) });
    expect(
      await failure(
        owner.batchEndpoints.invoke({ workspaceId, endpointName: "checked", input: "docs:1", deploymentName: "other" }),
      ),
    ).toEqual({ code: "NOT_FOUND", message: "Batch endpoint 'checked' has no deployment 'other'" });
    expect(
      await failure(owner.batchEndpoints.invoke({ workspaceId, endpointName: "nothing", input: "docs:1" })),
    ).toEqual({ code: "NOT_FOUND", message: "Batch endpoint 'nothing' not found" });
    expect(await db().run.count({ where: { workspaceId } })).toBe(runsBefore);

    expect(await failure(owner.batchEndpoints.create({ workspaceId, name: "checked" }))).toEqual({
      code: "CONFLICT",
      message: "A batch endpoint named 'checked' already exists",
    });
    // An update changes what it names and keeps the rest; the default goes only when it is the last.
    const updated = await owner.batchEndpoints.updateDeployment({
      workspaceId,
      endpointName: "checked",
      name: "one",
      model: "iris@latest",
      miniBatchSize: 5,
    });
    expect(updated).toMatchObject({
      model: "iris:2",
      modelRef: "iris@latest",
      miniBatchSize: 5,
      scoringScript: "score.py",
    });
    await owner.batchEndpoints.createDeployment({ ...base, name: "two" });
    expect(
      await failure(owner.batchEndpoints.deleteDeployment({ workspaceId, endpointName: "checked", name: "one" })),
    ).toEqual({
      code: "CONFLICT",
      message: "'one' is the default deployment of 'checked'; make another the default first",
    });
    await owner.batchEndpoints.setDefault({ workspaceId, endpointName: "checked", name: "two" });
    await owner.batchEndpoints.deleteDeployment({ workspaceId, endpointName: "checked", name: "one" });
    expect(await owner.batchEndpoints.byName({ workspaceId, name: "checked" })).toMatchObject({
      defaultDeployment: "two",
      deployments: [{ name: "two", isDefault: true }],
    });
    await owner.batchEndpoints.delete({ workspaceId, name: "checked" });
    expect((await owner.batchEndpoints.list({ workspaceId })).map((e) => e.name)).not.toContain("checked");
  });

  it("lets Readers see endpoints but not deploy or invoke; every change is audited", async () => {
    const reader = await createUser("reader");
    await owner.members.add({ workspaceId, email: reader.email, role: "Reader" });
    const asReader = callerFor(reader);
    expect((await asReader.batchEndpoints.list({ workspaceId })).map((e) => e.name)).toEqual(["flaky", "scorer"]);
    expect(
      await failure(asReader.batchEndpoints.invoke({ workspaceId, endpointName: "scorer", input: "docs:1" })),
    ).toEqual({ code: "FORBIDDEN", message: "Missing permission: batchEndpoint:invoke" });
    expect(await failure(asReader.batchEndpoints.delete({ workspaceId, name: "scorer" }))).toEqual({
      code: "FORBIDDEN",
      message: "Missing permission: endpoint:write",
    });
    const actions = (await db().auditEvent.findMany({ where: { workspaceId, action: { startsWith: "batch" } } })).map(
      (e) => e.action,
    );
    for (const action of [
      "batchEndpoint.create",
      "batchDeployment.create",
      "batchDeployment.update",
      "batchDeployment.delete",
      "batchEndpoint.setDefault",
      "batchEndpoint.invoke",
      "batchEndpoint.delete",
    ])
      expect(actions).toContain(action);
  });
});
