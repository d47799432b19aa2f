import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { installationId } from "../server/worker/installation-id";
import { sweepContainers } from "../server/worker/sweep-containers";
import { Worker } from "../server/worker/worker";
import { type callerFor, ownerWorkspace, sharedHost } from "./helpers/actors";
import { isDockerAvailable, LOCAL_DOCKER } from "./helpers/docker";
import { waitFor } from "./helpers/wait-for";

const hasDocker = await isDockerAvailable();
if (!hasDocker)
  console.warn(
    "job-isolation.test.ts: no Docker engine answers on /var/run/docker.sock, so these tests are skipped (CI starts one)",
  );

const engine = new Docker({ socketPath: "/var/run/docker.sock" });
const containersOf = (runId: string) =>
  engine.listContainers({ all: true, filters: { label: [`crucible.run-id=${runId}`] } });

describe.skipIf(!hasDocker)("what a job's container can do", () => {
  let worker: Worker;
  let workspaceId: string;
  let owner: ReturnType<typeof callerFor>;

  beforeAll(async () => {
    ({ workspaceId, owner } = await ownerWorkspace());
    await sharedHost(owner, workspaceId, {
      name: "local",
      endpoint: LOCAL_DOCKER,
      maxConcurrentRuns: 8,
      networkMode: "none",
    });
    worker = new Worker([workspaceId]);
    await worker.start();
  });
  afterAll(async () => {
    await worker.stop();
  });

  const submit = (yaml: string) => owner.jobs.submit({ workspaceId, yaml });
  const statusOf = async (runId: string) => (await db().run.findUnique({ where: { id: runId } }))?.status;
  const finished = (runId: string, timeoutMs = 90_000) =>
    waitFor(
      `run ${runId} to end`,
      async () => {
        const status = await statusOf(runId);
        return status && ["Completed", "Failed", "Canceled", "TimedOut"].includes(status) ? status : null;
      },
      timeoutMs,
    );
  const consoleText = async (runId: string) => (await owner.jobs.logs({ workspaceId, runId })).lines.map((l) => l.text);
  const runningContainer = (runId: string) =>
    waitFor(
      `the container of ${runId} to run`,
      async () => {
        const [found] = await containersOf(runId);
        return found?.State === "running" ? engine.getContainer(found.Id) : null;
      },
      90_000,
    );
  const isTokenRevoked = async (runId: string) => {
    const tokens = await db().apiToken.findMany({ where: { runId } });
    return tokens.length > 0 && tokens.every((t) => t.revokedAt !== null);
  };

  it("runs as a non-root user with no capabilities, bounded resources and logs, no mounts and no network", async () => {
    const { runId } = await submit(`command: echo up && sleep 120\nenvironment: crucible-sklearn\ncompute: local\n`);
    const inspected = await (await runningContainer(runId)).inspect();
    expect(inspected.Config.User).toBe("1000:1000");
    const hostConfig = inspected.HostConfig as Docker.HostConfig & { CapDrop?: string[]; PidsLimit?: number };
    expect(hostConfig.CapDrop).toEqual(["ALL"]);
    expect(hostConfig.SecurityOpt).toEqual(["no-new-privileges"]);
    expect(hostConfig.Privileged).toBe(false);
    expect(hostConfig.PidsLimit).toBeGreaterThan(0);
    // Nothing asked: the defaults apply, never unlimited.
    expect(hostConfig.Memory).toBe(2 * 1024 ** 3);
    expect(hostConfig.NanoCpus).toBe(1e9);
    expect(hostConfig.LogConfig).toEqual({ Type: "json-file", Config: { "max-size": "20m", "max-file": "2" } });
    expect(hostConfig.NetworkMode).toBe("none");
    expect(inspected.Mounts).toEqual([]);
    expect(hostConfig.Binds ?? []).toEqual([]);
    await owner.jobs.cancel({ workspaceId, runId });
    expect(await finished(runId)).toBe("Canceled");
  });

  it("cannot write its code, open raw sockets or reach the studio; writes its outputs", async () => {
    const probe = [
      "import os, socket",
      "print('uid', os.getuid(), os.getgid())",
      "def attempt(name, fn):",
      "    try:",
      "        fn(); print(name, 'allowed')",
      "    except Exception as e:",
      "        print(name, 'refused', type(e).__name__)",
      "attempt('write-code', lambda: open('/crucible/code/new.txt', 'w').write('x'))",
      "attempt('raw-socket', lambda: socket.socket(socket.AF_PACKET, socket.SOCK_RAW))",
      "attempt('loopback', lambda: socket.create_connection(('127.0.0.1', 5432), timeout=2))",
      "attempt('chown', lambda: os.chown('/crucible/outputs', 0, 0))",
      "open('/crucible/outputs/result.txt', 'w').write('ok')",
    ].join("\n");
    const { runId } = await owner.jobs.submit({
      workspaceId,
      spec: {
        command: `python3 -c "$PROBE"`,
        environment: "crucible-sklearn",
        compute: "local",
        environment_variables: { PROBE: probe },
      },
    });
    expect(await finished(runId)).toBe("Completed");
    const lines = await consoleText(runId);
    expect(lines).toContain("uid 1000 1000");
    expect(lines.find((l) => l.startsWith("write-code"))).toMatch(/^write-code refused/);
    expect(lines.find((l) => l.startsWith("raw-socket"))).toMatch(/^raw-socket refused/);
    expect(lines.find((l) => l.startsWith("loopback"))).toMatch(/^loopback refused/);
    expect(lines.find((l) => l.startsWith("chown"))).toMatch(/^chown refused/);
    expect((await db().artifact.findMany({ where: { runId } })).map((a) => a.path)).toContain("outputs/result.txt");
  });

  it("stops, removes and revokes whichever way a running job ends", async () => {
    const start = async () => {
      const { runId } = await submit(`command: echo up && sleep 300\nenvironment: crucible-sklearn\ncompute: local\n`);
      await runningContainer(runId);
      return runId;
    };
    const gone = (runId: string) =>
      waitFor(`the container of ${runId} to be removed`, async () => (await containersOf(runId)).length === 0, 30_000);

    // A status asked through the API: Canceled becomes a cancel; any other is refused for a job's run.
    const viaApi = await start();
    await expect(owner.runs.update({ workspaceId, runId: viaApi, status: "Completed" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await owner.runs.update({ workspaceId, runId: viaApi, status: "Canceled" });
    expect(await finished(viaApi)).toBe("Canceled");
    await gone(viaApi);
    expect(await isTokenRevoked(viaApi)).toBe(true);

    // Purged while running.
    const purged = await start();
    await owner.runs.update({ workspaceId, runId: purged, isDeleted: true });
    await owner.runs.purge({ workspaceId, runId: purged });
    await gone(purged);
    await waitFor("the purged run's token to be revoked", () => isTokenRevoked(purged), 30_000);

    // A time limit.
    const { runId: limited } = await submit(
      `command: sleep 300\nenvironment: crucible-sklearn\ncompute: local\nlimits:\n  timeout: 3\n`,
    );
    expect(await finished(limited)).toBe("TimedOut");
    await gone(limited);
    expect(await isTokenRevoked(limited)).toBe(true);

    // Its workspace deleted (the run's own worker is dedicated to another workspace, as may happen).
    const other = await ownerWorkspace("other-owner");
    await sharedHost(other.owner, other.workspaceId, { name: "local", endpoint: LOCAL_DOCKER, networkMode: "none" });
    const otherWorker = new Worker([other.workspaceId]);
    await otherWorker.start();
    try {
      const { runId: doomed } = await other.owner.jobs.submit({
        workspaceId: other.workspaceId,
        yaml: `command: sleep 300\nenvironment: crucible-sklearn\ncompute: local\n`,
      });
      await runningContainer(doomed);
      await other.owner.workspaces.delete({ workspaceId: other.workspaceId });
      await gone(doomed);
      await waitFor("the deleted workspace's run token to be revoked", () => isTokenRevoked(doomed), 30_000);
    } finally {
      await otherWorker.stop();
    }
  });

  it("refuses changes the transition table does not allow, such as re-queueing an ended job", async () => {
    const { runId } = await submit(`command: echo done\nenvironment: crucible-sklearn\ncompute: local\n`);
    expect(await finished(runId)).toBe("Completed");
    await expect(owner.runs.update({ workspaceId, runId, status: "Queued" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(owner.runs.update({ workspaceId, runId, status: "Running" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await statusOf(runId)).toBe("Completed");
  });

  it("builds with the host's network mode, and a build can be canceled or timed out", async () => {
    // No network on a `none` host, even while building: the step cannot reach anything.
    const { runId: offline } = await submit(`
command: echo never
environment:
  dockerfile_steps: RUN python3 -c "import socket; socket.create_connection(('127.0.0.1', 5432), timeout=2)"
compute: local
`);
    expect(await finished(offline, 180_000)).toBe("Failed");
    expect((await owner.jobs.byRun({ workspaceId, runId: offline }))?.failureReason).toMatch(/Image build failed/);

    const slow = await submit(
      `command: echo never\nenvironment:\n  dockerfile_steps: RUN echo slow-build-1 && sleep 600\ncompute: local\n`,
    );
    await waitFor(
      "the build to start",
      async () => (await consoleText(slow.runId)).some((l) => l.includes("slow-build-1")),
      60_000,
    );
    const canceledAt = Date.now();
    await owner.jobs.cancel({ workspaceId, runId: slow.runId });
    expect(await finished(slow.runId, 15_000)).toBe("Canceled");
    expect(Date.now() - canceledAt).toBeLessThan(15_000);

    const limited = await submit(
      `command: echo never\nenvironment:\n  dockerfile_steps: RUN echo slow-build-2 && sleep 600\ncompute: local\nlimits:\n  timeout: 4\n`,
    );
    expect(await finished(limited.runId, 30_000)).toBe("TimedOut");
    // The worker removed the aborted builds' step containers: none is left running.
    await waitFor(
      "the build containers to go",
      async () => {
        const left = await engine.listContainers({ all: true });
        return !left.some((c) => /sleep 600/.test(c.Command));
      },
      30_000,
    );
  });

  it("sweeps away this installation's containers whose run is no longer active, and no one else's", async () => {
    const { runId } = await submit(`command: echo done\nenvironment: crucible-sklearn\ncompute: local\n`);
    expect(await finished(runId)).toBe("Completed");
    const make = (installation: string) =>
      engine.createContainer({
        Image: "crucible-base:bookworm",
        Cmd: ["sleep", "60"],
        Labels: { "crucible.run-id": runId, "crucible.installation": installation, "crucible.attempt": "1" },
      });
    const orphan = await make(await installationId());
    const foreign = await make("another-installation");
    try {
      // The worker's own sweep may come first; either way the orphan goes and the other stays.
      expect(await sweepContainers()).not.toContain(foreign.id);
      await expect(orphan.inspect()).rejects.toMatchObject({ statusCode: 404 });
      await expect(foreign.inspect()).resolves.toBeTruthy();
    } finally {
      await foreign.remove({ force: true });
      await orphan.remove({ force: true }).catch(() => undefined);
    }
  });
});
