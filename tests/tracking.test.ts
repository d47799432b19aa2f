import { describe, expect, it } from "vitest";
import { db } from "../server/db";
import { callerFor, createUser, workspaceWithRoles } from "./helpers/actors";

async function setup() {
  const owner = await createUser("owner");
  const { workspace, members } = await workspaceWithRoles(owner);
  return { workspaceId: workspace.id, owner: callerFor(owner), members };
}

describe("experiments and runs", () => {
  it("creates the experiment a run names, once", async () => {
    const { workspaceId, owner } = await setup();
    const a = await owner.runs.create({ workspaceId, experimentName: "digits" });
    const b = await owner.runs.create({ workspaceId, experimentName: "digits", displayName: "second" });
    expect(a.experimentId).toBe(b.experimentId);
    expect(a.status).toBe("Running");
    expect(a.displayName).toMatch(/^[a-z]+-[a-z]+-\d+$/);
    const experiments = await owner.experiments.list({ workspaceId });
    expect(experiments).toHaveLength(1);
    expect(experiments[0]).toMatchObject({ name: "digits", runCount: 2 });
    await expect(owner.experiments.create({ workspaceId, name: "digits" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("archives and restores an experiment; its runs leave and return to the active view", async () => {
    const { workspaceId, owner } = await setup();
    const run = await owner.runs.create({ workspaceId, experimentName: "old" });
    await owner.experiments.update({ workspaceId, experimentId: run.experimentId, isArchived: true });
    expect((await owner.runs.search({ workspaceId })).runs).toHaveLength(0);
    expect((await owner.runs.search({ workspaceId, view: "deleted" })).runs.map((r) => r.id)).toEqual([run.id]);
    expect(await owner.experiments.list({ workspaceId })).toHaveLength(0);
    await expect(owner.runs.create({ workspaceId, experimentName: "old" })).rejects.toMatchObject({ code: "CONFLICT" });
    await owner.experiments.update({ workspaceId, experimentId: run.experimentId, isArchived: false });
    expect((await owner.runs.search({ workspaceId })).runs).toHaveLength(1);
  });

  it("sorts the runs of named experiments into active, deleted and all by their own and their experiment's state", async () => {
    const { workspaceId, owner } = await setup();
    const kept = await owner.runs.create({ workspaceId, experimentName: "kept" });
    const deletedRun = await owner.runs.create({ workspaceId, experimentId: kept.experimentId });
    await owner.runs.update({ workspaceId, runId: deletedRun.id, isDeleted: true });
    const archived = await owner.runs.create({ workspaceId, experimentName: "archived" });
    await owner.experiments.update({ workspaceId, experimentId: archived.experimentId, isArchived: true });
    // Another workspace's experiment named by id shows nothing of it.
    const stranger = await setup();
    const foreign = await stranger.owner.runs.create({ workspaceId: stranger.workspaceId, experimentName: "x" });
    const experimentIds = [kept.experimentId, archived.experimentId, foreign.experimentId];
    const ids = async (view?: "active" | "deleted" | "all") =>
      (await owner.runs.search({ workspaceId, experimentIds, view })).runs.map((r) => r.id).sort();
    expect(await ids()).toEqual([kept.id]);
    expect(await ids("deleted")).toEqual([deletedRun.id, archived.id].sort());
    expect(await ids("all")).toEqual([kept.id, deletedRun.id, archived.id].sort());
  });

  it("nests child runs to any depth", async () => {
    const { workspaceId, owner } = await setup();
    const parent = await owner.runs.create({ workspaceId, experimentName: "sweep" });
    const child = await owner.runs.create({ workspaceId, experimentId: parent.experimentId, parentRunId: parent.id });
    const grandchild = await owner.runs.create({
      workspaceId,
      experimentId: parent.experimentId,
      parentRunId: child.id,
    });
    expect((await owner.runs.search({ workspaceId, parentRunId: null })).runs.map((r) => r.id)).toEqual([parent.id]);
    expect((await owner.runs.search({ workspaceId, parentRunId: child.id })).runs.map((r) => r.id)).toEqual([
      grandchild.id,
    ]);
    expect((await owner.runs.byId({ workspaceId, runId: parent.id })).childCount).toBe(1);
  });

  it("stamps end time when a run finishes, and soft-deletes and restores", async () => {
    const { workspaceId, owner } = await setup();
    const run = await owner.runs.create({ workspaceId, experimentName: "x" });
    const done = await owner.runs.update({ workspaceId, runId: run.id, status: "Completed" });
    expect(done.endedAt).toBeInstanceOf(Date);
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    await owner.runs.update({ workspaceId, runId: run.id, isDeleted: true });
    expect((await owner.runs.search({ workspaceId })).runs).toHaveLength(0);
    await owner.runs.update({ workspaceId, runId: run.id, isDeleted: false });
    expect((await owner.runs.search({ workspaceId })).runs).toHaveLength(1);
  });
});

describe("logging", () => {
  it("keeps per-key summaries: last by step, finite min and max, count; NaN and Infinity survive", async () => {
    const { workspaceId, owner } = await setup();
    const run = await owner.runs.create({ workspaceId, experimentName: "train" });
    await owner.runs.logBatch({
      workspaceId,
      runId: run.id,
      metrics: [
        { key: "loss", value: 2, step: 0 },
        { key: "loss", value: "NaN", step: 1 },
        { key: "loss", value: 0.5, step: 3 },
        { key: "loss", value: "Infinity", step: 2 },
        { key: "acc", value: 0.7, step: 0 },
      ],
    });
    await owner.runs.logBatch({
      workspaceId,
      runId: run.id,
      metrics: [
        { key: "loss", value: 0.1, step: 2 },
        { key: "acc", value: "-Infinity", step: 5 },
      ],
    });
    const view = await owner.runs.byId({ workspaceId, runId: run.id });
    expect(view.metrics.loss).toMatchObject({ last: 0.5, lastStep: 3, min: 0.1, max: 2, count: 5 });
    expect(view.metrics.acc).toMatchObject({ last: "-Infinity", lastStep: 5, min: 0.7, max: 0.7, count: 2 });
    const history = await owner.runs.metricHistory({ workspaceId, runId: run.id, key: "loss" });
    expect(history.points!.map((p) => [p.step, p.value])).toEqual([
      [0, 2],
      [1, "NaN"],
      [2, "Infinity"],
      [2, 0.1],
      [3, 0.5],
    ]);
  });

  it("treats params as write-once and writes nothing of a batch that fails", async () => {
    const { workspaceId, owner } = await setup();
    const run = await owner.runs.create({ workspaceId, experimentName: "p", params: [{ key: "lr", value: "0.01" }] });
    await owner.runs.logBatch({ workspaceId, runId: run.id, params: [{ key: "lr", value: "0.01" }] });
    await expect(
      owner.runs.logBatch({
        workspaceId,
        runId: run.id,
        params: [{ key: "lr", value: "0.1" }],
        metrics: [{ key: "loss", value: 1, step: 0 }],
        tags: [{ key: "t", value: "v" }],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("params cannot change") });
    const view = await owner.runs.byId({ workspaceId, runId: run.id });
    expect(view.params).toEqual({ lr: "0.01" });
    expect(view.metrics).toEqual({});
    expect(view.tags).toEqual({});
    expect(await db().metric.count({ where: { runId: run.id } })).toBe(0);
  });

  it("lets tags change, last write wins", async () => {
    const { workspaceId, owner } = await setup();
    const run = await owner.runs.create({ workspaceId, experimentName: "t" });
    await owner.runs.logBatch({
      workspaceId,
      runId: run.id,
      tags: [
        { key: "model", value: "cnn" },
        { key: "model", value: "mlp" },
      ],
    });
    await owner.runs.logBatch({ workspaceId, runId: run.id, tags: [{ key: "stage", value: "dev" }] });
    expect((await owner.runs.byId({ workspaceId, runId: run.id })).tags).toEqual({ model: "mlp", stage: "dev" });
  });

  it("refuses oversized batches and bad keys with a message naming the field", async () => {
    const { workspaceId, owner } = await setup();
    const run = await owner.runs.create({ workspaceId, experimentName: "limits" });
    const metrics = Array.from({ length: 1001 }, (_, i) => ({ key: "m", value: i, step: i }));
    await expect(owner.runs.logBatch({ workspaceId, runId: run.id, metrics })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("metrics:"),
    });
    await expect(
      owner.runs.logBatch({ workspaceId, runId: run.id, metrics: [{ key: "a/../b", value: 1, step: 0 }] }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("metrics.0.key"),
    });
  });

  it("lets a Metrics Writer log but not create or change runs", async () => {
    const { workspaceId, owner, members } = await setup();
    const run = await owner.runs.create({ workspaceId, experimentName: "job" });
    const writer = callerFor(members.MetricsWriter);
    await writer.runs.logBatch({
      workspaceId,
      runId: run.id,
      metrics: [{ key: "acc", value: 0.9, step: 1 }],
      params: [{ key: "epochs", value: "3" }],
    });
    await expect(writer.runs.byId({ workspaceId, runId: run.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(writer.runs.update({ workspaceId, runId: run.id, status: "Completed" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await owner.runs.byId({ workspaceId, runId: run.id })).metrics.acc?.last).toBe(0.9);
  });
});

describe("metric history", () => {
  it("downsamples long series to min/max buckets that keep spikes", async () => {
    const { workspaceId, owner } = await setup();
    const run = await owner.runs.create({ workspaceId, experimentName: "long" });
    for (let start = 0; start < 5000; start += 1000) {
      const metrics = Array.from({ length: 1000 }, (_, i) => {
        const step = start + i;
        return { key: "loss", value: step === 2345 ? 100 : step === 4321 ? -50 : 1 / (1 + step), step };
      });
      await owner.runs.logBatch({ workspaceId, runId: run.id, metrics });
    }
    const history = await owner.runs.metricHistory({ workspaceId, runId: run.id, key: "loss", buckets: 100 });
    expect(history).toMatchObject({ total: 5000, isDownsampled: true });
    expect(history.buckets!.length).toBe(100);
    expect(Math.max(...history.buckets!.map((b) => b.max ?? -Infinity))).toBe(100);
    expect(Math.min(...history.buckets!.map((b) => b.min ?? Infinity))).toBe(-50);
    expect(history.buckets!.reduce((n, b) => n + b.count, 0)).toBe(5000);
    const zoomed = await owner.runs.metricHistory({
      workspaceId,
      runId: run.id,
      key: "loss",
      startStep: 2300,
      endStep: 2399,
      buckets: 100,
    });
    expect(zoomed).toMatchObject({ isDownsampled: false, total: 100 });
    expect(zoomed.points!.find((p) => p.step === 2345)?.value).toBe(100);
  });
});

describe("search", () => {
  it("filters with the grammar and orders by metric with missing values last", async () => {
    const { workspaceId, owner } = await setup();
    const make = async (name: string, lr: string, model: string, acc?: number) => {
      const run = await owner.runs.create({
        workspaceId,
        experimentName: "grid",
        displayName: name,
        params: [{ key: "lr", value: lr }],
        tags: [{ key: "model", value: model }],
      });
      if (acc !== undefined)
        await owner.runs.logBatch({ workspaceId, runId: run.id, metrics: [{ key: "acc", value: acc, step: 0 }] });
      return run;
    };
    await make("a", "0.01", "cnn", 0.95);
    await make("b", "0.1", "cnn", 0.8);
    await make("c", "0.01", "mlp", 0.92);
    await make("d", "0.01", "cnn");
    const names = async (filter: string, orderBy?: string[]) =>
      (await owner.runs.search({ workspaceId, filter, orderBy })).runs.map((r) => r.displayName);
    expect(await names("metrics.acc > 0.9 and params.lr = '0.01' and tags.model = 'cnn'")).toEqual(["a"]);
    expect(await names("params.lr = '0.01'", ["metrics.acc DESC"])).toEqual(["a", "c", "d"]);
    expect(await names("params.lr = '0.01'", ["metrics.acc ASC"])).toEqual(["c", "a", "d"]);
    expect(await names("tags.model LIKE 'c%' and status = 'RUNNING'", ["attributes.run_name"])).toEqual([
      "a",
      "b",
      "d",
    ]);
    expect(await names("run_name IN ('b', 'c')", ["run_name DESC"])).toEqual(["c", "b"]);
    await expect(owner.runs.search({ workspaceId, filter: "metrics.acc >> 1" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Invalid filter"),
    });
    await expect(owner.runs.search({ workspaceId, filter: "status = 'Sleeping'" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("pages through results with a token", async () => {
    const { workspaceId, owner } = await setup();
    for (let i = 0; i < 5; i++) await owner.runs.create({ workspaceId, experimentName: "paged", displayName: `r${i}` });
    const first = await owner.runs.search({ workspaceId, maxResults: 2, orderBy: ["run_name"] });
    const second = await owner.runs.search({
      workspaceId,
      maxResults: 2,
      orderBy: ["run_name"],
      pageToken: first.nextPageToken!,
    });
    const third = await owner.runs.search({
      workspaceId,
      maxResults: 2,
      orderBy: ["run_name"],
      pageToken: second.nextPageToken!,
    });
    expect([...first.runs, ...second.runs, ...third.runs].map((r) => r.displayName)).toEqual([
      "r0",
      "r1",
      "r2",
      "r3",
      "r4",
    ]);
    expect(third.nextPageToken).toBeNull();
  });
});

describe("retried batches", () => {
  it("apply once per batch id", async () => {
    const { workspaceId, owner } = await setup();
    const run = await owner.runs.create({ workspaceId, experimentName: "retry" });
    const batch = { workspaceId, runId: run.id, batchId: "batch-0001", metrics: [{ key: "loss", value: 1, step: 0 }] };
    expect(await owner.runs.logBatch(batch)).toMatchObject({ isDuplicate: false });
    expect(await owner.runs.logBatch(batch)).toMatchObject({ isDuplicate: true });
    expect((await owner.runs.byId({ workspaceId, runId: run.id })).metrics.loss?.count).toBe(1);
  });
});

describe("metric rollups", () => {
  it("serve wide ranges from pre-aggregated buckets that keep spikes, counts and means", async () => {
    const { rebuildMetricAggregates } = await import("../server/services/runs/metric-rollups");
    const { workspaceId, owner } = await setup();
    const run = await owner.runs.create({ workspaceId, experimentName: "rollups" });
    const total = 20_000;
    for (let start = 0; start < total; start += 1000) {
      const metrics = Array.from({ length: 1000 }, (_, i) => {
        const step = start + i;
        return { key: "loss", value: step === 12_345 ? 1000 : step === 777 ? ("NaN" as const) : 1, step };
      });
      await owner.runs.logBatch({ workspaceId, runId: run.id, metrics });
    }
    const history = await owner.runs.metricHistory({ workspaceId, runId: run.id, key: "loss", buckets: 100 });
    expect(history.isDownsampled).toBe(true);
    const buckets = history.buckets!;
    expect(buckets.length).toBeGreaterThanOrEqual(95);
    expect(buckets.length).toBeLessThanOrEqual(101);
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(total);
    expect(Math.max(...buckets.map((b) => b.max ?? 0))).toBe(1000);
    const spike = buckets.find((b) => b.stepStart <= 12_345 && 12_345 <= b.stepEnd)!;
    expect(spike.mean!).toBeGreaterThan(1);
    expect(buckets.find((b) => b.stepStart <= 777 && 777 <= b.stepEnd)!.mean).toBe(1);

    // Rebuilding from the points gives the same answers as the incremental upkeep.
    const summary = (await owner.runs.byId({ workspaceId, runId: run.id })).metrics;
    await rebuildMetricAggregates(run.id);
    expect(await owner.runs.metricHistory({ workspaceId, runId: run.id, key: "loss", buckets: 100 })).toEqual(history);
    expect((await owner.runs.byId({ workspaceId, runId: run.id })).metrics).toEqual(summary);
  });
});

describe("out-of-range numbers", () => {
  it("are a 400 naming the field through tRPC and REST, never a 500", async () => {
    const { handleRest } = await import("../server/trpc/rest-handler");
    const { createApiToken } = await import("../server/services/tokens/create-api-token");
    const user = await createUser("owner");
    const { workspace } = await workspaceWithRoles(user);
    const owner = callerFor(user);
    const run = await owner.runs.create({ workspaceId: workspace.id, experimentName: "numbers" });
    const token = (await createApiToken(user.id, "numbers")).token;
    const cases = [
      { metric: { key: "m", value: 1, step: 2 ** 63 }, field: "metrics.0.step" },
      { metric: { key: "m", value: 1, step: 1e21 }, field: "metrics.0.step" },
      { metric: { key: "m", value: 1, step: 1.5 }, field: "metrics.0.step" },
      { metric: { key: "m", value: 1, step: 1, timestamp: 1e21 }, field: "metrics.0.timestamp" },
      { metric: { key: "m", value: 1, step: 1, timestamp: 2 ** 63 }, field: "metrics.0.timestamp" },
    ];
    for (const { metric, field } of cases) {
      const what = JSON.stringify(metric);
      await expect(
        owner.runs.logBatch({ workspaceId: workspace.id, runId: run.id, metrics: [metric] }),
        what,
      ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining(field) });
      const rest = await handleRest(
        new Request(`http://studio.test/api/v1/workspaces/${workspace.id}/runs/${run.id}/log-batch`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: `{"metrics": [${what.replace(/"step":[^,}]+/, `"step":${metric.step === 2 ** 63 ? "9223372036854775808" : String(metric.step)}`)}]}`,
        }),
      );
      expect([what, rest.status]).toEqual([what, 400]);
      expect(((await rest.json()) as { message: string }).message, what).toContain(field);
    }
    for (const endedAt of [new Date(-62_200_000_000_000), "275761-01-01T00:00:00Z", "not a date"]) {
      await expect(
        owner.runs.update({ workspaceId: workspace.id, runId: run.id, endedAt: endedAt as Date }),
        String(endedAt),
      ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("endedAt") });
    }
    expect(await db().metric.count({ where: { runId: run.id } })).toBe(0);
  });

  it("written by a caller that builds its own batch are refused before SQL", async () => {
    const { logBatch } = await import("../server/services/runs/log-batch");
    const { workspaceId, owner } = await setup();
    const run = await owner.runs.create({ workspaceId, experimentName: "numbers" });
    await expect(
      logBatch(workspaceId, run.id, {
        metrics: [{ key: "m", value: 1, step: 1e21, timestamp: 1 }],
        params: [],
        tags: [],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("metrics.0.step") });
    await expect(
      logBatch(workspaceId, run.id, {
        metrics: [{ key: "m", value: 1, step: 1, timestamp: 2 ** 63 }],
        params: [],
        tags: [],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("metrics.0.timestamp") });
  });
});
