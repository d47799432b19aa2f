import type http from "node:http";
import { Readable } from "node:stream";
import { TRPCError } from "@trpc/server";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { flushRequestStats } from "../server/endpoints/request-stats";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import { BASE_IMAGE } from "../server/services/environments/environment-spec";
import { sweepContainers } from "../server/worker/sweep-containers";
import { Worker } from "../server/worker/worker";
import { callerFor, ownerWorkspace, sharedHost, workspaceWithRoles, createUser } from "./helpers/actors";
import { isDockerAvailable, LOCAL_DOCKER } from "./helpers/docker";
import { waitFor } from "./helpers/wait-for";
import { listenForScoring } from "./helpers/scoring-server";

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

// Probes quick enough for a test; the defaults are Azure's 10 s periods.
const FAST_PROBE = { period: 0.2, initial_delay: 0, timeout: 1, failure_threshold: 100 };
const FAST = { liveness_probe: FAST_PROBE, readiness_probe: FAST_PROBE };

/**
 * A scikit-learn classifier pickled by the base image's own Python and scikit-learn (pickles do
 * not cross versions): two features, class 1 when their sum is positive; `flip` inverts it.
 */
async function trainModel(flip: boolean): Promise<Buffer> {
  const docker = new Docker({ socketPath: "/var/run/docker.sock" });
  const script = [
    "import base64, pickle, sys",
    "import numpy as np",
    "from sklearn.linear_model import LogisticRegression",
    "rng = np.random.default_rng(0)",
    "X = rng.normal(size=(200, 2))",
    `y = ((X.sum(axis=1) > 0) != ${flip ? "True" : "False"}).astype(int)`,
    "sys.stdout.write(base64.b64encode(pickle.dumps(LogisticRegression().fit(X, y))).decode())",
  ].join("\n");
  const container = await docker.createContainer({
    Image: BASE_IMAGE,
    Cmd: ["python3", "-c", script],
    HostConfig: { NetworkMode: "none", AutoRemove: false },
  });
  await container.start();
  await container.wait();
  const logs = (await container.logs({ stdout: true })) as unknown as Buffer;
  await container.remove({ force: true });
  let text = "";
  for (let offset = 0; offset + 8 <= logs.length;) {
    const size = logs.readUInt32BE(offset + 4);
    text += logs.subarray(offset + 8, offset + 8 + size).toString();
    offset += 8 + size;
  }
  return Buffer.from(text, "base64");
}

const MLMODEL = `flavors:
  python_function:
    loader_module: mlflow.sklearn
    model_path: model.pkl
  sklearn:
    pickled_model: model.pkl
    serialization_format: pickle
`;

const SCORE_PY = (body: string) => `import json, os

def init():
    global model_dir
    model_dir = os.environ["AZUREML_MODEL_DIR"]

def run(raw_data):
${body}
`;

describe.skipIf(!hasDocker)("online endpoints with real containers", () => {
  let worker: Worker;
  let server: http.Server;
  let base: string;
  let workspaceId: string;
  let owner: TCaller;
  let key: string;

  async function register(name: string, files: Record<string, Buffer | string>, type?: "mlflow_model") {
    const run = await owner.runs.create({ workspaceId, experimentName: "training" });
    for (const [p, content] of Object.entries(files))
      await uploadArtifact(workspaceId, run.id, `outputs/model/${p}`, Readable.from([Buffer.from(content)]));
    return owner.models.register({ workspaceId, name, runId: run.id, path: "outputs/model", type });
  }

  const score = async (body: unknown, headers: Record<string, string> = {}, endpoint = "iris") => {
    const response = await fetch(`${base}/endpoints/${workspaceId}/${endpoint}/score`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      deployment: response.headers.get("x-crucible-deployment"),
      body: await response.json(),
    };
  };

  const ready = (name: string, generation = 1) =>
    waitFor(
      `deployment ${name} to be ready`,
      async () => {
        const endpoint = await owner.endpoints.byName({ workspaceId, endpointName: "iris" });
        const d = endpoint.deployments.find((x) => x.name === name)!;
        if (d.state === "Failed") throw new Error(`deployment ${name} failed: ${d.error}`);
        return d.state === "Ready" &&
          d.generation === generation &&
          d.instances.every((i) => i.generation === generation && i.state === "Ready")
          ? d
          : null;
      },
      120_000,
      250,
    );

  beforeAll(async () => {
    ({ workspaceId, owner } = await ownerWorkspace());
    await sharedHost(owner, workspaceId, { name: "local", endpoint: LOCAL_DOCKER, maxConcurrentRuns: 4 });
    const [v1, v2] = [await trainModel(false), await trainModel(true)];
    await register("iris", { MLmodel: MLMODEL, "model.pkl": v1 }, "mlflow_model");
    await register("iris", { MLmodel: MLMODEL, "model.pkl": v2 }, "mlflow_model");
    await owner.models.setAlias({ workspaceId, name: "iris", alias: "champion", version: 1 });
    worker = new Worker([workspaceId]);
    await worker.start();
    ({ server, base } = await listenForScoring());
    await owner.endpoints.create({ workspaceId, name: "iris", description: "test endpoint" });
    ({ primaryKey: key } = await owner.endpoints.getCredentials({ workspaceId, endpointName: "iris" }));
    await owner.endpoints.createDeployment({
      workspaceId,
      endpointName: "iris",
      name: "blue",
      model: "iris@champion",
      ...FAST,
    });
    await owner.endpoints.createDeployment({
      workspaceId,
      endpointName: "iris",
      name: "green",
      model: "iris:2",
      code_configuration: {
        code: {
          "score.py": SCORE_PY(
            '    rows = json.loads(raw_data)["data"]\n    return {"green": len(rows), "files": sorted(os.listdir(model_dir))}',
          ),
        },
        scoring_script: "score.py",
      },
      ...FAST,
    });
    await owner.endpoints.createDeployment({
      workspaceId,
      endpointName: "iris",
      name: "broken",
      model: "iris:2",
      code_configuration: {
        code: { "score.py": SCORE_PY('    raise ValueError("bad row: " + raw_data[:20])') },
        scoring_script: "score.py",
      },
      ...FAST,
    });
    await Promise.all([ready("blue"), ready("green"), ready("broken")]);
  }, 300_000);

  afterAll(async () => {
    server?.close();
    await worker?.stop();
    await owner?.endpoints.delete({ workspaceId, endpointName: "iris" }).catch(() => undefined);
    await sweepContainers();
  });

  it("scores an mlflow_model and a score.py deployment through the router, named by the header", async () => {
    const blue = await score(
      {
        dataframe_split: {
          columns: ["a", "b"],
          data: [
            [2, 2],
            [-3, -1],
          ],
        },
      },
      { "x-crucible-deployment": "blue" },
    );
    expect(blue).toMatchObject({ status: 200, deployment: "blue", body: { predictions: [1, 0] } });
    const instances = await score({ instances: [[1, 1]] }, { "x-crucible-deployment": "blue" });
    expect(instances.body).toEqual({ predictions: [1] });
    const green = await score(
      {
        data: [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      },
      { "x-crucible-deployment": "green" },
    );
    expect(green).toMatchObject({
      status: 200,
      deployment: "green",
      body: { green: 3, files: ["MLmodel", "model.pkl"] },
    });
  });

  it("refuses a missing or wrong key, and takes the secondary key", async () => {
    const url = `${base}/endpoints/${workspaceId}/iris/score`;
    expect((await fetch(url, { method: "POST", body: "{}" })).status).toBe(401);
    const wrong = await fetch(url, { method: "POST", body: "{}", headers: { authorization: `Bearer ${key}x` } });
    expect(wrong.status).toBe(401);
    const { secondaryKey } = await owner.endpoints.getCredentials({ workspaceId, endpointName: "iris" });
    const second = await fetch(url, {
      method: "POST",
      body: JSON.stringify({ instances: [[1, 1]] }),
      headers: { authorization: `Bearer ${secondaryKey}`, "x-crucible-deployment": "blue" },
    });
    expect(second.status).toBe(200);
    const audit = await db().auditEvent.findMany({ where: { workspaceId } });
    expect(JSON.stringify(audit)).not.toContain(secondaryKey);
  });

  it("answers a raising run() with a 500 and its message; other deployments keep serving", async () => {
    const broken = await score({ x: 1 }, { "x-crucible-deployment": "broken" });
    expect(broken.status).toBe(500);
    expect(broken.body.error).toContain("ValueError: bad row");
    expect((await score({ instances: [[1, 1]] }, { "x-crucible-deployment": "blue" })).status).toBe(200);
  });

  it("answers an mlflow_model's body in none of MLflow's formats with a 400 that says which it takes", async () => {
    const blue = { "x-crucible-deployment": "blue" };
    const wrong = await score({ data: [[1, 2]] }, blue);
    expect(wrong).toMatchObject({
      status: 400,
      deployment: "blue",
      body: { error: "The body must have one of dataframe_split, dataframe_records, instances, inputs" },
    });
    const noData = await score({ dataframe_split: { columns: ["a", "b"] } }, blue);
    expect(noData.status).toBe(400);
    expect(noData.body.error).toContain("dataframe_split must be an object with a data list");
    const notJson = await score("[1, 2", blue);
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toContain("The body is not JSON");
    // A 4xx is the caller's: it counts against the deployment's 4xx, not its 5xx.
    await flushRequestStats();
    const metrics = await owner.endpoints.metrics({ workspaceId, endpointName: "iris", name: "blue" });
    expect(metrics.reduce((s, m) => s + m.errors4xx, 0)).toBeGreaterThanOrEqual(3);
    expect(metrics.reduce((s, m) => s + m.errors5xx, 0)).toBe(0);
  });

  it("reads a route again before refusing: a change whose notice has not come yet still counts", async () => {
    await owner.endpoints.update({ workspaceId, endpointName: "iris", traffic: {} });
    await waitFor(
      "the router to hear of no traffic",
      async () => ((await score({})).status === 503 ? true : null),
      10_000,
      50,
    );
    // Written without a notice: the router has only its remembered route, which sends no traffic.
    const { id } = await db().onlineEndpoint.findFirstOrThrow({ where: { workspaceId, name: "iris" } });
    await db().onlineEndpoint.update({ where: { id }, data: { traffic: { blue: 100 } } });
    await new Promise((r) => setTimeout(r, 100));
    expect(await score({ instances: [[1, 1]] })).toMatchObject({ status: 200, deployment: "blue" });
    await owner.endpoints.update({ workspaceId, endpointName: "iris", traffic: {} });
  });

  it("splits traffic 90/10 over about 200 requests", async () => {
    await owner.endpoints.update({ workspaceId, endpointName: "iris", traffic: { blue: 90, green: 10 } });
    const counts: Record<string, number> = {};
    for (let i = 0; i < 200; i++) {
      const answer = await score({ instances: [[1, 1]], data: [[1]] });
      expect(answer).toMatchObject({ status: 200 });
      counts[answer.deployment!] = (counts[answer.deployment!] ?? 0) + 1;
    }
    // Binomial(200, 0.1): mean 20, standard deviation 4.2; this band fails about once in a million.
    expect(counts.green).toBeGreaterThanOrEqual(5);
    expect(counts.green).toBeLessThanOrEqual(40);
    expect(counts.blue! + counts.green!).toBe(200);
  });

  it("copies a share of the requests to the mirror deployment and drops its answers", async () => {
    await owner.endpoints.update({
      workspaceId,
      endpointName: "iris",
      traffic: { blue: 100 },
      mirror_traffic: { green: 50 },
    });
    const green = await db().onlineDeployment.findFirstOrThrow({ where: { name: "green", endpoint: { workspaceId } } });
    await flushRequestStats();
    const before = await db().endpointRequestStat.count({ where: { deploymentId: green.id, isMirror: true } });
    for (let i = 0; i < 40; i++) {
      const answer = await score({ instances: [[1, 1]], data: [[1]] });
      expect(answer).toMatchObject({ status: 200, deployment: "blue" });
    }
    await new Promise((r) => setTimeout(r, 300));
    await flushRequestStats();
    const mirrored =
      (await db().endpointRequestStat.count({ where: { deploymentId: green.id, isMirror: true } })) - before;
    expect(mirrored).toBeGreaterThanOrEqual(8);
    expect(mirrored).toBeLessThanOrEqual(32);
    const metrics = await owner.endpoints.metrics({ workspaceId, endpointName: "iris", name: "blue" });
    expect(metrics.reduce((s, m) => s + m.requests, 0)).toBeGreaterThanOrEqual(40);
    expect(metrics.at(-1)!.p50).toBeGreaterThan(0);
    await owner.endpoints.update({ workspaceId, endpointName: "iris", mirror_traffic: {} });
  });

  it("refuses bad traffic, deleting a live deployment or a deployed version, and a body over the limit", async () => {
    expect(
      await failure(owner.endpoints.update({ workspaceId, endpointName: "iris", traffic: { blue: 60, green: 10 } })),
    ).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("sum to 70"),
    });
    expect(
      await failure(owner.endpoints.update({ workspaceId, endpointName: "iris", traffic: { red: 100 } })),
    ).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("'red'"),
    });
    expect(
      await failure(owner.endpoints.deleteDeployment({ workspaceId, endpointName: "iris", name: "blue" })),
    ).toMatchObject({
      code: "CONFLICT",
    });
    expect(await failure(owner.models.deleteVersion({ workspaceId, name: "iris", version: "2" }))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("of endpoint 'iris'"),
    });
    expect((await score({}, { "x-crucible-deployment": "nope" })).status).toBe(404);
    const big = await fetch(`${base}/endpoints/${workspaceId}/iris/score`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: Buffer.alloc(9 * 1024 * 1024, 32),
    });
    expect(big.status).toBe(413);
    const endpoint = await owner.endpoints.byName({ workspaceId, endpointName: "iris" });
    expect(endpoint.traffic).toEqual({ blue: 100 });
  });

  it("lets Readers see endpoints, only Owners read keys, and token auth need endpoint:invoke", async () => {
    const { workspace, members } = await workspaceWithRoles(await createUser("owner2"));
    const reader = callerFor(members.Reader);
    const ds = callerFor(members.DataScientist);
    await ds.endpoints.create({ workspaceId: workspace.id, name: "t" });
    expect((await reader.endpoints.list({ workspaceId: workspace.id })).map((e) => e.name)).toEqual(["t"]);
    expect((await failure(ds.endpoints.getCredentials({ workspaceId: workspace.id, endpointName: "t" }))).code).toBe(
      "FORBIDDEN",
    );
    expect(
      (await failure(reader.endpoints.update({ workspaceId: workspace.id, endpointName: "t", description: "x" }))).code,
    ).toBe("FORBIDDEN");
    await ds.endpoints.update({ workspaceId: workspace.id, endpointName: "t", auth_mode: "token" });
    const invoke = async (caller: TCaller) => {
      const { token } = await caller.tokens.create({ name: "invoke" });
      const response = await fetch(`${base}/endpoints/${workspace.name}/t/score`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: "{}",
      });
      return response.status;
    };
    // Allowed through, then told no deployment takes traffic; a Reader is stopped before that.
    expect(await invoke(ds)).toBe(503);
    expect(await invoke(reader)).toBe(403);
    const { primaryKey } = await callerFor(members.Owner).endpoints.getCredentials({
      workspaceId: workspace.id,
      endpointName: "t",
    });
    const byKey = await fetch(`${base}/endpoints/${workspace.name}/t/score`, {
      method: "POST",
      headers: { authorization: `Bearer ${primaryKey}` },
      body: "{}",
    });
    expect(byKey.status).toBe(401);
  });

  it("rolls a new model version out while a client keeps sending: no request fails", async () => {
    let isSending = true;
    const statuses: number[] = [];
    const predictions = new Set<number>();
    const client = (async () => {
      while (isSending) {
        const answer = await score({ instances: [[2, 2]] });
        statuses.push(answer.status);
        if (answer.status === 200) predictions.add(answer.body.predictions[0]);
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await owner.endpoints.updateDeployment({
      workspaceId,
      endpointName: "iris",
      name: "blue",
      model: "iris:2",
      instance_count: 2,
    });
    await ready("blue", 2);
    await new Promise((r) => setTimeout(r, 500));
    isSending = false;
    await client;
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // The old model says 1 for [2, 2], the new one 0: both answered during the rollout.
    expect([...predictions].sort()).toEqual([0, 1]);
    const blue = (await owner.endpoints.byName({ workspaceId, endpointName: "iris" })).deployments.find(
      (d) => d.name === "blue",
    )!;
    expect(blue).toMatchObject({ model: "iris:2", model_version: { version: 2 }, instance_count: 2 });
    expect(blue.instances).toHaveLength(2);
  }, 180_000);

  it("fails a deployment whose init() never returns, with the reason, and keeps the others serving", async () => {
    await owner.endpoints.createDeployment({
      workspaceId,
      endpointName: "iris",
      name: "stuck",
      model: "iris:2",
      code_configuration: {
        code: { "score.py": "import time\n\ndef init():\n    time.sleep(3600)\n\ndef run(raw_data):\n    return 1\n" },
        scoring_script: "score.py",
      },
      liveness_probe: FAST_PROBE,
      readiness_probe: { ...FAST_PROBE, failure_threshold: 10 },
    });
    const stuck = await waitFor(
      "the stuck deployment to fail",
      async () => {
        const d = (await owner.endpoints.byName({ workspaceId, endpointName: "iris" })).deployments.find(
          (x) => x.name === "stuck",
        )!;
        return d.state === "Failed" ? d : null;
      },
      60_000,
    );
    expect(stuck.error).toMatch(/Not ready within .*not ready/);
    expect((await score({ instances: [[1, 1]] })).status).toBe(200);
    const logs = await owner.endpoints.deploymentLogs({ workspaceId, endpointName: "iris", name: "green" });
    // Its image may have been built first (its lines come before the instance's).
    expect(logs.map((l) => l.text).join("\n")).toContain("init() returned");
  });
});
