import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import { pack } from "tar-stream";
import { describe, expect, it } from "vitest";
import { db } from "../server/db";
import { packSnapshot } from "../server/services/artifacts/pack-snapshot";
import { storeSnapshot } from "../server/services/artifacts/store-snapshot";
import { logBatch } from "../server/services/runs/log-batch";
import { callerFor, createUser, workspaceWithRoles } from "./helpers/actors";
import { withOwnConnection } from "./helpers/own-connection";

function archive(files: Record<string, string>): Readable {
  const p = pack();
  for (const [name, content] of Object.entries(files)) p.entry({ name }, content);
  p.finalize();
  return Readable.from(p).pipe(createGzip());
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

describe("code snapshots", () => {
  it("unpack into browsable artifacts and pack back into one archive", async () => {
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const run = await callerFor(owner).runs.create({ workspaceId: workspace.id, experimentName: "snap" });
    const stored = await storeSnapshot(workspace.id, run.id, archive({ "train.py": "print(1)\n", "lib/util.py": "x = 2\n" }));
    expect(stored).toEqual({ files: 2, bytes: 15 });
    const tree = await callerFor(owner).runs.artifacts({ workspaceId: workspace.id, runId: run.id, path: "snapshot" });
    expect(tree.map((e) => e.path)).toEqual(["snapshot/lib", "snapshot/train.py"]);
    const packed = await collect(await packSnapshot(workspace.id, run.id));
    expect(packed.length).toBeGreaterThan(20);
  });

  it("keeps nothing of a snapshot past the size limit or of a broken archive", async () => {
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const run = await callerFor(owner).runs.create({ workspaceId: workspace.id, experimentName: "snap" });
    await expect(storeSnapshot(workspace.id, run.id, archive({ "a.bin": "x".repeat(5000) }), 1000)).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining(".amlignore") });
    await expect(storeSnapshot(workspace.id, run.id, Readable.from([Buffer.from("not a tarball")]))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await db().artifact.count({ where: { runId: run.id } })).toBe(0);
  });
});

describe("snapshots made by the Python SDK", () => {
  it("unpack, PAX headers from Python's tarfile included", async () => {
    const { spawnSync } = await import("node:child_process");
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "snap-src-"));
    fs.mkdirSync(path.join(folder, "lib"));
    fs.writeFileSync(path.join(folder, "train.py"), "print(1)\n");
    fs.writeFileSync(path.join(folder, "lib", "m.py"), "x = 1\n");
    const made = spawnSync("python3", ["-c", "import sys; sys.path.insert(0, 'sdk/python'); from crucible._snapshot import build_snapshot; print(build_snapshot(sys.argv[1]))", folder], { encoding: "utf8" });
    expect(made.status, made.stderr).toBe(0);
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const run = await callerFor(owner).runs.create({ workspaceId: workspace.id, experimentName: "snap" });
    expect(await storeSnapshot(workspace.id, run.id, fs.createReadStream(made.stdout.trim()))).toEqual({ files: 2, bytes: 15 });
    fs.rmSync(folder, { recursive: true });
    fs.rmSync(made.stdout.trim());
  });
});

describe("purge", () => {
  it("removes a deleted run's points, rows and artifact files, children included", async () => {
    const { uploadArtifact } = await import("../server/services/artifacts/upload-artifact");
    const { artifactStore } = await import("../server/storage/artifact-store-instance");
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const caller = callerFor(owner);
    const run = await caller.runs.create({ workspaceId: workspace.id, experimentName: "purge" });
    const child = await caller.runs.create({ workspaceId: workspace.id, experimentId: run.experimentId, parentRunId: run.id });
    await caller.runs.logBatch({ workspaceId: workspace.id, runId: run.id, metrics: [{ key: "m", value: 1, step: 0 }] });
    await caller.runs.logBatch({ workspaceId: workspace.id, runId: child.id, metrics: [{ key: "m", value: 2, step: 0 }] });
    await uploadArtifact(workspace.id, child.id, "outputs/a.txt", Readable.from([Buffer.from("hello")]));
    await expect(caller.runs.purge({ workspaceId: workspace.id, runId: run.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await caller.runs.update({ workspaceId: workspace.id, runId: run.id, isDeleted: true });
    await caller.runs.purge({ workspaceId: workspace.id, runId: run.id });
    expect(await db().metric.count({ where: { runId: { in: [run.id, child.id] } } })).toBe(0);
    expect(await db().run.count({ where: { id: { in: [run.id, child.id] } } })).toBe(0);
    expect(await artifactStore().read(`${workspace.id}/${child.id}/outputs/a.txt`)).toBeNull();
  });

  it("removes an archived experiment with its runs and files", async () => {
    const { uploadArtifact } = await import("../server/services/artifacts/upload-artifact");
    const { artifactStore } = await import("../server/storage/artifact-store-instance");
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const caller = callerFor(owner);
    const run = await caller.runs.create({ workspaceId: workspace.id, experimentName: "gone" });
    await caller.runs.logBatch({ workspaceId: workspace.id, runId: run.id, metrics: [{ key: "m", value: 1, step: 0 }] });
    await uploadArtifact(workspace.id, run.id, "outputs/b.txt", Readable.from([Buffer.from("bye")]));
    await caller.experiments.update({ workspaceId: workspace.id, experimentId: run.experimentId, isArchived: true });
    expect(await caller.experiments.purge({ workspaceId: workspace.id, experimentId: run.experimentId })).toEqual({ runs: 1 });
    expect(await db().run.count({ where: { id: run.id } })).toBe(0);
    expect(await db().metric.count({ where: { runId: run.id } })).toBe(0);
    expect(await artifactStore().read(`${workspace.id}/${run.id}/outputs/b.txt`)).toBeNull();
  });

  it("takes the points of every run with a deleted workspace", async () => {
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const caller = callerFor(owner);
    const run = await caller.runs.create({ workspaceId: workspace.id, experimentName: "w" });
    await caller.runs.logBatch({ workspaceId: workspace.id, runId: run.id, metrics: [{ key: "m", value: 1, step: 0 }, { key: "m", value: 2, step: 1 }] });
    await caller.workspaces.delete({ workspaceId: workspace.id });
    expect(await db().metric.count({ where: { runId: run.id } })).toBe(0);
  });

  it("lets no batch write points for a run being purged", async () => {
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const run = await callerFor(owner).runs.create({ workspaceId: workspace.id, experimentName: "race" });
    await withOwnConnection(async (purger) => {
      await purger.query("BEGIN");
      await purger.query(`DELETE FROM "Run" WHERE "id" = $1`, [run.id]);
      const batch = () => logBatch(workspace.id, run.id, { metrics: [{ key: "m", value: 1, step: 0, timestamp: 1 }], params: [], tags: [] });
      // Refused at once, not after the purge: a batch shares its connection with other calls.
      await expect(batch()).rejects.toMatchObject({ code: "CONFLICT", message: `Run ${run.id} is being deleted` });
      await purger.query("COMMIT");
      await expect(batch()).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
    expect(await db().metric.count({ where: { runId: run.id } })).toBe(0);
  });
});
