import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { ensureCuratedEnvironments } from "../server/services/environments/curated-environments";
import { type callerFor, ownerWorkspace, sharedHost } from "./helpers/actors";
import { isDockerAvailable, LOCAL_DOCKER } from "./helpers/docker";
import { waitFor } from "./helpers/wait-for";

const hasDocker = await isDockerAvailable();
if (!hasDocker) console.warn("worker-restart.test.ts: no Docker engine answers; skipped here, CI runs it");

/** `npm run worker` as its own process, so it can be killed without warning. */
function startWorker(workspaceId: string): ChildProcess {
  // node itself with tsx as a loader (not the tsx CLI, which would run the worker as a grandchild
  // that SIGKILL on the CLI leaves alive).
  return spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "server/worker/main.ts"], {
    env: {
      ...process.env,
      CRUCIBLE_JOB_HEARTBEAT_S: "3",
      CRUCIBLE_WORKER_POLL_MS: "200",
      CRUCIBLE_WORKER_WORKSPACES: workspaceId,
    },
    stdio: "ignore",
  });
}

describe.skipIf(!hasDocker)("a worker killed mid-run", () => {
  const workers: ChildProcess[] = [];
  let workspaceId: string;
  let owner: ReturnType<typeof callerFor>;

  beforeAll(async () => {
    ({ workspaceId, owner } = await ownerWorkspace());
    await sharedHost(owner, workspaceId, { name: "local", endpoint: LOCAL_DOCKER });
    await ensureCuratedEnvironments();
  });
  afterAll(() => {
    for (const w of workers) w.kill("SIGKILL");
  });

  it("is replaced by another that re-attaches: the run completes with every line once, in order", async () => {
    workers.push(startWorker(workspaceId));
    const { runId } = await owner.jobs.submit({
      workspaceId,
      yaml: "command: for i in $(seq 1 30); do echo line $i; sleep 0.3; done\nenvironment: crucible-sklearn\ncompute: local\n",
    });
    await waitFor(
      "the run's first lines",
      async () => (await db().runLogLine.count({ where: { runId, stream: "stdout" } })) >= 3,
      90_000,
    );
    workers[0]!.kill("SIGKILL");
    const killedAt = await db().runLogLine.count({ where: { runId, stream: "stdout" } });
    expect(killedAt).toBeLessThan(30);
    await new Promise((r) => setTimeout(r, 2000));
    workers.push(startWorker(workspaceId));
    const run = await waitFor(
      "the run to complete",
      async () => {
        const r = await db().run.findUnique({ where: { id: runId } });
        return r && ["Completed", "Failed", "Canceled"].includes(r.status) ? r : null;
      },
      90_000,
    );
    expect(run.status).toBe("Completed");
    const stdout = await db().runLogLine.findMany({ where: { runId, stream: "stdout" }, orderBy: { seq: "asc" } });
    expect(stdout.map((l) => l.text)).toEqual(Array.from({ length: 30 }, (_, i) => `line ${i + 1}`));
    const system = await db().runLogLine.findMany({ where: { runId, stream: "system" } });
    expect(system.some((l) => l.text.startsWith("Re-attached to container"))).toBe(true);
    expect((await db().job.findUnique({ where: { runId } }))?.attempt).toBe(1);
  }, 200_000);
});
