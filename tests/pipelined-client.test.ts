import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { db, pipelinedClient } from "../server/db";
import { logBatch } from "../server/services/runs/log-batch";
import { ownerWorkspace } from "./helpers/actors";
import { withOwnConnection } from "./helpers/own-connection";

const LANES = Math.min(8, Math.max(2, availableParallelism()));

/** The backends behind this process's pipelined connections, once each has connected. */
async function laneBackends(): Promise<number[]> {
  const clients = Array.from({ length: LANES }, () => pipelinedClient());
  await Promise.all(clients.map((c) => c.query("SELECT 1")));
  return clients.map((c) => (c as unknown as { processID: number }).processID);
}

describe("pipelined connections", () => {
  it("carry many calls at once, each in its own transaction", async () => {
    const { owner, workspaceId } = await ownerWorkspace();
    const run = await owner.runs.create({ workspaceId, experimentName: "pipelined" });
    await logBatch(workspaceId, run.id, { metrics: [], params: [{ key: "p", value: "same" }], tags: [] });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        // Every third batch changes a param: refused alone, while those around it land.
        logBatch(workspaceId, run.id, {
          metrics: [{ key: "m", value: i, step: i, timestamp: 1 }],
          params: [{ key: "p", value: i % 3 === 2 ? `x${i}` : "same" }],
          tags: [],
        }),
      ),
    );
    const landed = outcomes.filter((o) => o.status === "fulfilled").length;
    expect(landed).toBe(40);
    expect(await db().metric.count({ where: { runId: run.id } })).toBe(landed);
    expect(
      outcomes
        .filter((o) => o.status === "rejected")
        .every((o) => (o as PromiseRejectedResult).reason.code === "BAD_REQUEST"),
    ).toBe(true);
  });

  it("are replaced when they break", async () => {
    const { owner, workspaceId } = await ownerWorkspace();
    const run = await owner.runs.create({ workspaceId, experimentName: "pipelined" });
    const pids = await laneBackends();
    await withOwnConnection((admin) =>
      admin.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [pids]),
    );
    let landed = 0;
    let failed = 0;
    for (let step = 0; landed < 2 * LANES && step < 10 * LANES; step++) {
      await logBatch(workspaceId, run.id, {
        metrics: [{ key: "m", value: 1, step, timestamp: 1 }],
        params: [],
        tags: [],
      }).then(
        () => landed++,
        () => failed++,
      );
    }
    expect(landed).toBe(2 * LANES);
    // At most one call per broken connection fails with its error; then a new one serves.
    expect(failed).toBeLessThanOrEqual(LANES);
    expect((await laneBackends()).filter((pid) => pids.includes(pid))).toEqual([]);
  });
});
