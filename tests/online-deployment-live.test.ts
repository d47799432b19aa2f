import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "../app/api/v1/workspaces/[workspaceId]/online-endpoints/[endpointName]/deployments/[name]/logs/stream/route";
import { db } from "../server/db";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import { createApiToken } from "../server/services/tokens/create-api-token";
import { sweepContainers } from "../server/worker/sweep-containers";
import { Worker } from "../server/worker/worker";
import { callerFor, createUser, sharedHost, workspaceWithRoles, type TTestUser } from "./helpers/actors";
import { isDockerAvailable, LOCAL_DOCKER } from "./helpers/docker";
import { waitFor } from "./helpers/wait-for";

const hasDocker = await isDockerAvailable();

const FAST_PROBE = { period: 0.2, initial_delay: 0, timeout: 1, failure_threshold: 100 };

// Prints a numbered line at start-up, and one per scored request with the request's body.
const SCORE_PY = `import sys

def init():
    for i in range(3):
        print(f"warming up {i}", flush=True)
    print("oops on stderr", file=sys.stderr, flush=True)

def run(raw_data):
    print(f"scoring {raw_data}", flush=True)
    return {"ok": True}
`;

/** Reads server-sent events until `isDone` holds for the text so far, then closes the stream. */
async function readEvents(response: Response, abort: AbortController, isDone: (text: string) => boolean) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = setTimeout(() => abort.abort(), 60_000);
  try {
    while (!isDone(text)) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    clearTimeout(deadline);
    abort.abort();
    await reader.cancel().catch(() => undefined);
  }
  return text;
}

function lines(text: string) {
  return text
    .split("\n\n")
    .filter((e) => e.includes("event: line"))
    .map((e) => ({
      id: /^id: (\d+)$/m.exec(e)?.[1],
      ...(JSON.parse(/^data: (.*)$/m.exec(e)![1]!) as { instance: string; stream: string; text: string }),
    }));
}

describe.skipIf(!hasDocker)("a deployment's live console", () => {
  let worker: Worker;
  let workspaceId: string;
  let members: Record<string, TTestUser>;
  let instanceTag: string;

  const open = async (user: TTestUser, after?: string) => {
    const { token } = await createApiToken(user.id, "logs");
    const abort = new AbortController();
    const url = `http://studio.test/api/v1/workspaces/${workspaceId}/online-endpoints/live/deployments/blue/logs/stream`;
    const request = new Request(after ? `${url}?after=${after}` : url, {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
    const response = await GET(request, {
      params: Promise.resolve({ workspaceId, endpointName: "live", name: "blue" }),
    });
    return { response, abort };
  };

  beforeAll(async () => {
    const owner = await createUser("live-owner");
    const created = await workspaceWithRoles(owner);
    workspaceId = created.workspace.id;
    members = created.members;
    const caller = callerFor(owner);
    await sharedHost(caller, workspaceId, { name: "local", endpoint: LOCAL_DOCKER, maxConcurrentRuns: 2 });
    const run = await caller.runs.create({ workspaceId, experimentName: "training" });
    await uploadArtifact(workspaceId, run.id, "outputs/model/weights.txt", Readable.from([Buffer.from("1 2 3")]));
    await caller.models.register({ workspaceId, name: "echo", runId: run.id, path: "outputs/model" });
    worker = new Worker([workspaceId]);
    await worker.start();
    await caller.endpoints.create({ workspaceId, name: "live" });
    await caller.endpoints.createDeployment({
      workspaceId,
      endpointName: "live",
      name: "blue",
      model: "echo:1",
      code_configuration: { code: { "score.py": SCORE_PY }, scoring_script: "score.py" },
      liveness_probe: FAST_PROBE,
      readiness_probe: FAST_PROBE,
    });
    const ready = await waitFor(
      "the deployment to be ready",
      async () => {
        const d = (await caller.endpoints.byName({ workspaceId, endpointName: "live" })).deployments[0]!;
        if (d.state === "Failed") throw new Error(`deployment failed: ${d.error}`);
        return d.state === "Ready" ? d : null;
      },
      120_000,
      250,
    );
    instanceTag = ready.instances[0]!.id.slice(-8);
  }, 300_000);

  afterAll(async () => {
    await worker?.stop();
    await callerFor(members?.Owner ?? null)
      .endpoints.delete({ workspaceId, endpointName: "live" })
      .catch(() => undefined);
    await sweepContainers();
  });

  it("streams the instances' start-up lines tagged by instance, then lines printed while it follows", async () => {
    const { response, abort } = await open(members.Reader!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const scored = (async () => {
      // Printed by run() only once the stream is open: it can only arrive by following the container.
      await new Promise((r) => setTimeout(r, 1000));
      await callerFor(members.Owner!).endpoints.test({
        workspaceId,
        endpointName: "live",
        body: '{"n": 42}',
        deployment: "blue",
      });
    })();
    const text = await readEvents(response, abort, (t) => t.includes("scoring {"));
    await scored;
    expect(text).toContain('event: status\ndata: {"status":"Ready"}');
    const got = lines(text);
    expect(got.map((l) => l.text)).toEqual(
      expect.arrayContaining(["warming up 0", "warming up 2", "oops on stderr", 'scoring {"n": 42}']),
    );
    expect(got.find((l) => l.text === "oops on stderr")).toMatchObject({ stream: "stderr", instance: instanceTag });
    expect(got.every((l) => l.instance === instanceTag && /^\d{19}$/.test(l.id ?? ""))).toBe(true);

    // A resumed stream sends only what came after the cursor (within one output stream: Docker
    // stamps stdout and stderr apart, so their order between each other is not exact).
    const after = got.find((l) => l.text === "warming up 1")!.id!;
    const again = await open(members.Reader!, after);
    const resumed = lines(await readEvents(again.response, again.abort, (t) => t.includes("scoring {")));
    const resumedStdout = resumed.filter((l) => l.stream === "stdout").map((l) => l.text);
    expect(resumedStdout).toEqual(["warming up 2", "init() returned; the instance is ready", 'scoring {"n": 42}']);
  });

  it("samples the running instance's CPU and memory and charts them per minute", async () => {
    const reader = callerFor(members.Reader!);
    const usage = await waitFor(
      "an instance sample",
      async () => {
        const minutes = await reader.endpoints.usage({ workspaceId, endpointName: "live", name: "blue" });
        return minutes.length > 0 ? minutes : null;
      },
      30_000,
      500,
    );
    const samples = await db().endpointInstanceStat.findMany({ where: { instanceId: { endsWith: instanceTag } } });
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((s) => s.memoryBytes > 0n && s.cpuPercent >= 0)).toBe(true);
    const last = usage.at(-1)!;
    // A Python scoring server holds a few MiB at least and far less than its 2 GiB limit.
    expect(last.memoryBytes).toBeGreaterThan(1024 * 1024);
    expect(last.memoryBytes).toBeLessThan(2 * 1024 ** 3);
    expect(last).toMatchObject({ instances: 1 });
    await expect(
      callerFor(await createUser("stranger")).endpoints.usage({ workspaceId, endpointName: "live", name: "blue" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a non-member with 404 and a bad cursor with 400", async () => {
    const outsider = await createUser("outsider");
    const refused = await open(outsider);
    expect(refused.response.status).toBe(404);
    const bad = await open(members.Reader!, "yesterday");
    expect(bad.response.status).toBe(400);
    expect(await bad.response.json()).toMatchObject({ code: "BAD_REQUEST" });
  });
});
