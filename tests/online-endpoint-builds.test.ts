import type http from "node:http";
import { Readable } from "node:stream";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import {
  BASE_IMAGE,
  environmentHash,
  imageTag,
  ZEnvironmentSpec,
} from "../server/services/environments/environment-spec";
import { BUILD_TAG, deploymentLogEvents } from "../server/streams/deployment-log-events";
import { sweepContainers } from "../server/worker/sweep-containers";
import { Worker } from "../server/worker/worker";
import { type callerFor, ownerWorkspace, sharedHost } from "./helpers/actors";
import { isDockerAvailable, LOCAL_DOCKER } from "./helpers/docker";
import { waitFor } from "./helpers/wait-for";
import { listenForScoring } from "./helpers/scoring-server";

const hasDocker = await isDockerAvailable();
if (!hasDocker)
  console.warn(
    "online-endpoint-builds.test.ts: no Docker engine answers on /var/run/docker.sock, so these tests are skipped (CI starts one)",
  );

const FAST_PROBE = { period: 0.2, initial_delay: 0, timeout: 1, failure_threshold: 100 };
const FAST = { liveness_probe: FAST_PROBE, readiness_probe: FAST_PROBE };

// The answer shows which image the instance runs: only the built one has the marker file.
const SCORE_PY = `def init():
    pass

def run(raw_data):
    with open("/etc/crucible-endpoint-build") as f:
        return {"image": f.read().strip()}
`;

describe.skipIf(!hasDocker)("online deployments that build their environment's image", () => {
  let worker: Worker;
  let server: http.Server;
  let base: string;
  let workspaceId: string;
  let owner: ReturnType<typeof callerFor>;
  let key: string;
  // New to this engine on every run, so the build is a real one and needs no network.
  const marker = `endpoint-build-${Date.now()}`;
  const builtSpec = {
    image: BASE_IMAGE,
    dockerfile_steps: `RUN echo built ${marker} && echo ${marker} > /etc/crucible-endpoint-build`,
  };
  const brokenSpec = { image: BASE_IMAGE, dockerfile_steps: `RUN echo before ${marker}\nRUN exit 3` };
  const builtTag = imageTag(environmentHash(ZEnvironmentSpec.parse(builtSpec)));

  const deployment = async (name: string) =>
    (await owner.endpoints.byName({ workspaceId, endpointName: "scorer" })).deployments.find((d) => d.name === name)!;

  const ready = (name: string) =>
    waitFor(
      `deployment ${name} to be ready`,
      async () => {
        const d = await deployment(name);
        if (d.state === "Failed") throw new Error(`deployment ${name} failed: ${d.error}`);
        return d.state === "Ready" && d.instances.every((i) => i.state === "Ready") ? d : null;
      },
      180_000,
      250,
    );

  const score = async (name: string) => {
    const response = await fetch(`${base}/endpoints/${workspaceId}/scorer/score`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "x-crucible-deployment": name },
      body: JSON.stringify({ data: [1] }),
    });
    return { status: response.status, body: await response.json() };
  };

  /** The build lines of a deployment's log stream, read until the line `until` comes. */
  const buildLines = async (name: string, until: string) => {
    const { id } = await deployment(name);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    const lines: string[] = [];
    try {
      for await (const event of deploymentLogEvents(id, 0n, controller.signal, 500)) {
        if (event.kind === "line" && event.instance === BUILD_TAG) lines.push(event.text);
        if (lines.includes(until)) break;
      }
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
    return lines;
  };

  const create = (name: string, environment: string) =>
    owner.endpoints.createDeployment({
      workspaceId,
      endpointName: "scorer",
      name,
      model: "weights:1",
      environment,
      code_configuration: { code: { "score.py": SCORE_PY }, scoring_script: "score.py" },
      ...FAST,
    });

  beforeAll(async () => {
    ({ workspaceId, owner } = await ownerWorkspace());
    await sharedHost(owner, workspaceId, {
      name: "local",
      endpoint: LOCAL_DOCKER,
      maxConcurrentRuns: 4,
      // The deployment's environment writes to /etc in a RUN line.
      runStepsAsRoot: true,
    });
    const run = await owner.runs.create({ workspaceId, experimentName: "training" });
    await uploadArtifact(workspaceId, run.id, "outputs/model/weights.txt", Readable.from([Buffer.from("1 2 3")]));
    await owner.models.register({ workspaceId, name: "weights", runId: run.id, path: "outputs/model" });
    await owner.environments.create({ workspaceId, name: "built", spec: builtSpec });
    await owner.environments.create({ workspaceId, name: "broken", spec: brokenSpec });
    worker = new Worker([workspaceId]);
    await worker.start();
    ({ server, base } = await listenForScoring());
    await owner.endpoints.create({ workspaceId, name: "scorer", description: "builds its images" });
    ({ primaryKey: key } = await owner.endpoints.getCredentials({ workspaceId, endpointName: "scorer" }));
  }, 120_000);

  afterAll(async () => {
    server?.close();
    await worker?.stop();
    await owner?.endpoints.delete({ workspaceId, endpointName: "scorer" }).catch(() => undefined);
    await sweepContainers();
    await new Docker({ socketPath: "/var/run/docker.sock" })
      .getImage(builtTag)
      .remove({ force: true })
      .catch(() => undefined);
  });

  it("builds the image once for two deployments, says so while it builds, and serves from it", async () => {
    await create("blue", "built:1");
    await create("green", "built:1");
    const building = await waitFor(
      "a deployment to say its image is building",
      async () => {
        const d = await deployment("blue");
        return d.message?.startsWith("Building image") ? d : null;
      },
      60_000,
      50,
    );
    expect(building.message).toContain(builtTag);
    expect(building.state).toBe("Creating");

    await Promise.all([ready("blue"), ready("green")]);
    expect((await deployment("blue")).message).toBeNull();
    const builds = await db().environmentBuild.findMany({
      where: { hash: environmentHash(ZEnvironmentSpec.parse(builtSpec)) },
    });
    expect(builds.map((b) => b.status)).toEqual(["Succeeded"]);
    expect(await score("blue")).toEqual({ status: 200, body: { image: marker } });
    expect(await score("green")).toEqual({ status: 200, body: { image: marker } });

    const lines = await buildLines("green", `built ${marker}`);
    expect(lines[0]).toContain(`Building environment image ${builtTag}`);
    expect(lines).toContain(`built ${marker}`);
    const snapshot = await owner.endpoints.deploymentLogs({ workspaceId, endpointName: "scorer", name: "blue" });
    expect(snapshot[0]).toMatchObject({ instanceId: "build", state: "Succeeded" });
    expect(snapshot[0]!.text).toContain(`built ${marker}`);
  }, 300_000);

  it("fails a deployment whose build fails with the failing step, keeps the others serving, and retries on update", async () => {
    await create("broken", "broken:1");
    const failed = await waitFor(
      "the broken deployment to fail",
      async () => {
        const d = await deployment("broken");
        return d.state === "Failed" ? d : null;
      },
      120_000,
      250,
    );
    expect(failed.error).toBe('Image build failed: the step "RUN exit 3" exited with code 3');
    expect(failed.message).toBeNull();
    expect(failed.instances).toEqual([]);
    expect(await score("blue")).toEqual({ status: 200, body: { image: marker } });

    const lines = await buildLines("broken", 'Image build failed: the step "RUN exit 3" exited with code 3');
    expect(lines).toContain(`before ${marker}`);
    expect(lines.at(-1)).toBe('Image build failed: the step "RUN exit 3" exited with code 3');

    await owner.endpoints.updateDeployment({
      workspaceId,
      endpointName: "scorer",
      name: "broken",
      environment: "built:1",
    });
    await ready("broken");
    expect(await score("broken")).toEqual({ status: 200, body: { image: marker } });
  }, 300_000);
});
