import type http from "node:http";
import { Readable } from "node:stream";
import type Docker from "dockerode";
import { expect } from "vitest";
import { db } from "../../server/db";
import { uploadArtifact } from "../../server/services/artifacts/upload-artifact";
import { Worker } from "../../server/worker/worker";
import type { callerFor } from "./actors";
import { listenForScoring } from "./scoring-server";
import { waitFor } from "./wait-for";

const SCORE_PY = [
  "import json, os",
  "def init():",
  "    global factor",
  '    factor = int(open(os.path.join(os.environ["AZUREML_MODEL_DIR"], "weights.txt")).read())',
  "def run(raw_data):",
  '    return {"tripled": [x * factor for x in json.loads(raw_data)["data"]], "pad": "x" * 200000}',
].join("\n");

/**
 * Deploys a small score.py model to an online endpoint of a workspace whose only host is on
 * another machine's engine (`hostName`), and checks what such an instance must do: answer
 * several requests at once (answers larger than one read), answer again after the worker
 * restarts, have nothing of this machine mounted, and go when the endpoint is deleted.
 * `engine` is the same engine reached directly, to inspect the container.
 */
export async function checkRemoteEndpoint(
  owner: ReturnType<typeof callerFor>,
  workspaceId: string,
  hostName: string,
  engine: Docker,
): Promise<void> {
  const run = await owner.runs.create({ workspaceId, experimentName: "training" });
  await uploadArtifact(workspaceId, run.id, "outputs/model/weights.txt", Readable.from([Buffer.from("3")]));
  await owner.models.register({ workspaceId, name: "triple", runId: run.id, path: "outputs/model" });
  let worker = new Worker([workspaceId]);
  await worker.start();
  let server: http.Server | undefined;
  try {
    await owner.endpoints.create({ workspaceId, name: "remote" });
    const { primaryKey } = await owner.endpoints.getCredentials({ workspaceId, endpointName: "remote" });
    const probe = { period: 0.5, initial_delay: 0, timeout: 5, failure_threshold: 100 };
    await owner.endpoints.createDeployment({
      workspaceId,
      endpointName: "remote",
      name: "blue",
      model: "triple:1",
      code_configuration: { code: { "score.py": SCORE_PY }, scoring_script: "score.py" },
      request_settings: { request_timeout_ms: 30_000, max_concurrent_requests_per_instance: 4 },
      liveness_probe: probe,
      readiness_probe: probe,
    });
    await waitFor(
      `the deployment on ${hostName} to be ready`,
      async () => {
        const d = (await owner.endpoints.byName({ workspaceId, endpointName: "remote" })).deployments[0]!;
        if (d.state === "Failed") throw new Error(`failed: ${d.error}`);
        return d.state === "Ready" ? d : null;
      },
      120_000,
      500,
    );
    const { instances } = (await owner.endpoints.byName({ workspaceId, endpointName: "remote" })).deployments[0]!;
    expect(instances.map((i) => [i.host, i.state])).toEqual([[hostName, "Ready"]]);
    ({ server } = await listenForScoring());
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const score = async (n: number) => {
      const response = await fetch(`${base}/endpoints/${workspaceId}/remote/score`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${primaryKey}`,
          "x-crucible-deployment": "blue",
        },
        body: JSON.stringify({ data: [n, n + 1] }),
      });
      return { status: response.status, body: (await response.json()) as { tripled: number[]; pad: string } };
    };
    // Several at once, and an answer larger than one read: each connection is its own relay.
    const answers = await Promise.all([1, 2, 3, 4].map(score));
    for (const [i, answer] of answers.entries()) {
      expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
      expect(answer.body.tripled).toEqual([3 * (i + 1), 3 * (i + 2)]);
      expect(answer.body.pad).toHaveLength(200_000);
    }
    // A restarted worker reaches the instance it did not start.
    await worker.stop();
    worker = new Worker([workspaceId]);
    await worker.start();
    const again = await waitFor(
      "the instance to answer after a worker restart",
      async () => {
        const answer = await score(5);
        return answer.status === 200 ? answer : null;
      },
      60_000,
      500,
    );
    expect(again.body.tripled).toEqual([15, 18]);
    // Nothing of this machine is mounted into the instance: its files were copied in.
    const instance = await db().endpointInstance.findFirstOrThrow({
      where: { deployment: { name: "blue", endpoint: { workspaceId } } },
    });
    const inspected = await engine.getContainer(instance.containerId!).inspect();
    expect(inspected.HostConfig.Binds ?? []).toEqual([]);
    expect(inspected.Mounts).toEqual([]);
    expect(inspected.HostConfig.NetworkMode).toBe("none");
    expect(inspected.Config.User).toBe("1000:1000");
    await owner.endpoints.delete({ workspaceId, endpointName: "remote" });
    await waitFor(
      "the instance's container to be removed",
      async () =>
        engine
          .getContainer(instance.containerId!)
          .inspect()
          .then(
            () => null,
            () => true,
          ),
      60_000,
      500,
    );
  } finally {
    server?.close();
    await owner.endpoints.delete({ workspaceId, endpointName: "remote" }).catch(() => undefined);
    await worker.stop();
  }
}
