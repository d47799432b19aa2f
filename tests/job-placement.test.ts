import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { Worker } from "../server/worker/worker";
import { type callerFor, ownerWorkspace, sharedHost } from "./helpers/actors";
import { isDockerAvailable, LOCAL_DOCKER } from "./helpers/docker";
import { waitFor } from "./helpers/wait-for";
import { startSecondDockerd } from "../scripts/second-dockerd";

const isRoot = process.getuid?.() === 0;
const canRun = (await isDockerAvailable()) && isRoot;
if (!canRun)
  console.warn(
    "job-placement.test.ts: needs a Docker engine and root (to start a second dockerd); skipped here, CI runs it",
  );

describe.skipIf(!canRun)("placement across two Docker hosts", () => {
  let worker: Worker;
  let second: Awaited<ReturnType<typeof startSecondDockerd>>;
  let workspaceId: string;
  let owner: ReturnType<typeof callerFor>;
  let names: Record<"first" | "second", string>;

  beforeAll(async () => {
    second = await startSecondDockerd(path.resolve(".crucible-test/dockerd2"));
    ({ workspaceId, owner } = await ownerWorkspace());
    const first = await sharedHost(owner, workspaceId, {
      name: "first",
      endpoint: LOCAL_DOCKER,
      labels: { pool: "spread" },
      maxConcurrentRuns: 2,
    });
    const other = await sharedHost(owner, workspaceId, {
      name: "second",
      endpoint: second.endpoint,
      labels: { pool: "spread" },
      maxConcurrentRuns: 2,
    });
    names = { first: first.host.name, second: other.host.name };
    await owner.compute.createTarget({ workspaceId, name: "pool", selector: { pool: "spread" } });
    worker = new Worker([workspaceId]);
    await worker.start();
  }, 240_000);
  afterAll(async () => {
    await worker.stop();
    await second?.stop();
    second?.sweep();
  });

  it("spreads runs over both hosts by free capacity, queues the rest, and runs each exactly once", async () => {
    const hosts = await owner.compute.hosts({ workspaceId });
    expect(hosts.map((h) => [h.name, h.status])).toEqual([
      [names.first, "Online"],
      [names.second, "Online"],
    ]);
    const runIds: string[] = [];
    for (let i = 0; i < 6; i++) {
      runIds.push(
        (
          await owner.jobs.submit({
            workspaceId,
            yaml: `command: echo job ${i} && sleep 3\nenvironment: crucible-sklearn\ncompute: pool\n`,
          })
        ).runId,
      );
    }
    // Four run at once (two per host); two wait in the queue.
    const placed = await waitFor(
      "four runs placed",
      async () => {
        const jobs = await db().job.findMany({
          where: { runId: { in: runIds }, run: { status: { in: ["Preparing", "Running"] } } },
          include: { host: true },
        });
        return jobs.length === 4 ? jobs : null;
      },
      60_000,
      100,
    );
    const perHost = placed.reduce<Record<string, number>>(
      (n, j) => ({ ...n, [j.host!.name]: (n[j.host!.name] ?? 0) + 1 }),
      {},
    );
    expect(perHost).toEqual({ [names.first]: 2, [names.second]: 2 });
    const usage = await owner.compute.hosts({ workspaceId });
    expect(usage.map((h) => h.used.runs)).toEqual([2, 2]);

    await waitFor(
      "all six to complete",
      async () => (await db().run.count({ where: { id: { in: runIds }, status: "Completed" } })) === 6,
      120_000,
      250,
    );
    const jobs = await db().job.findMany({ where: { runId: { in: runIds } } });
    expect(jobs.every((j) => j.attempt === 1)).toBe(true);
    for (const [i, runId] of runIds.entries()) {
      const lines = await db().runLogLine.findMany({ where: { runId, stream: "stdout" } });
      expect(lines.map((l) => l.text)).toEqual([`job ${i}`]);
    }
  }, 200_000);

  it("fails a run whose host vanished, with the reason, after the offline window", async () => {
    const { runId } = await owner.jobs.submit({
      workspaceId,
      yaml: "command: sleep 60\nenvironment: crucible-sklearn\ncompute: second\n",
    });
    await waitFor(
      "the run to start on the second host",
      async () => (await db().run.findUnique({ where: { id: runId } }))?.status === "Running",
      60_000,
    );
    // Make the window short for this test: the host's last answer is pushed into the past while it is gone.
    second.crash();
    await db().computeHost.updateMany({
      where: { name: names.second },
      data: { lastSeenAt: new Date(Date.now() - 3600_000), state: "Offline" },
    });
    const run = await waitFor(
      "the run to fail",
      async () => {
        const r = await db().run.findUnique({ where: { id: runId } });
        return r?.status === "Failed" ? r : null;
      },
      60_000,
    );
    expect(run.status).toBe("Failed");
    expect((await owner.jobs.byRun({ workspaceId, runId }))?.failureReason).toMatch(
      new RegExp(`Host '${names.second}' stopped answering`),
    );
  }, 120_000);
});
