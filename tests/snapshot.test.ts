import { Readable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";
import { extract, pack } from "tar-stream";
import { describe, expect, it } from "vitest";
import { db } from "../server/db";
import { packSnapshot } from "../server/services/artifacts/pack-snapshot";
import { storeSnapshot } from "../server/services/artifacts/store-snapshot";
import { logBatch } from "../server/services/runs/log-batch";
import fs from "node:fs";
import path from "node:path";
import { env } from "../server/env";
import { callerFor, createUser, ownerWorkspace, workspaceWithRoles } from "./helpers/actors";
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

/** A downloaded snapshot's files and their text. */
async function unpacked(archiveStream: Readable): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for await (const entry of Readable.from(archiveStream.pipe(createGunzip())).pipe(extract())) {
    files[entry.header.name] = (await collect(Readable.from(entry))).toString();
  }
  return files;
}

/** A .tar.gz that starts well and then breaks: its first file unpacks, the rest is garbage. */
function brokenArchive(): Readable {
  const p = pack();
  p.entry({ name: "new.py" }, "print('B')\n");
  p.entry({ name: "train.py" }, "print('B')\n");
  p.finalize();
  const tar = Readable.from(p);
  return Readable.from(
    (async function* () {
      const whole = await collect(tar.pipe(createGzip()));
      yield whole.subarray(0, Math.floor(whole.length * 0.6));
      yield Buffer.from("this is not gzip any more");
    })(),
  );
}

describe("code snapshots", () => {
  it("unpack into browsable artifacts and pack back into one archive", async () => {
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const run = await callerFor(owner).runs.create({ workspaceId: workspace.id, experimentName: "snap" });
    const stored = await storeSnapshot(
      workspace.id,
      run.id,
      archive({ "train.py": "print(1)\n", "lib/util.py": "x = 2\n" }),
    );
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
    await expect(
      storeSnapshot(workspace.id, run.id, archive({ "a.bin": "x".repeat(5000) }), 1000),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining(".amlignore") });
    await expect(
      storeSnapshot(workspace.id, run.id, Readable.from([Buffer.from("not a tarball")])),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await db().artifact.count({ where: { runId: run.id } })).toBe(0);
  });
});

describe("snapshot re-upload", () => {
  it("leaves the previous snapshot whole, files and rows, when a second upload fails", async () => {
    const { workspaceId, owner } = await ownerWorkspace();
    const run = await owner.runs.create({ workspaceId, experimentName: "snap" });
    await storeSnapshot(workspaceId, run.id, archive({ "train.py": "print('A')\n", "lib/util.py": "x = 'A'\n" }));
    const before = await db().artifact.findMany({ where: { runId: run.id }, orderBy: { path: "asc" } });

    await expect(storeSnapshot(workspaceId, run.id, brokenArchive())).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      storeSnapshot(workspaceId, run.id, archive({ "big.bin": "x".repeat(5000) }), 1000),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });

    expect(await db().artifact.findMany({ where: { runId: run.id }, orderBy: { path: "asc" } })).toEqual(before);
    expect(await unpacked(await packSnapshot(workspaceId, run.id))).toEqual({
      "lib/util.py": "x = 'A'\n",
      "train.py": "print('A')\n",
    });
    // Nothing of the failed uploads is left in the run's folder.
    expect(fs.readdirSync(path.join(env().crucibleHome, "artifacts", workspaceId, run.id))).toEqual(["snapshot"]);
  });

  it("replaces the whole snapshot when the new one is stored", async () => {
    const { workspaceId, owner } = await ownerWorkspace();
    const run = await owner.runs.create({ workspaceId, experimentName: "snap" });
    await storeSnapshot(workspaceId, run.id, archive({ "train.py": "A", "old.py": "A" }));
    await storeSnapshot(workspaceId, run.id, archive({ "train.py": "B" }));
    expect(await unpacked(await packSnapshot(workspaceId, run.id))).toEqual({ "train.py": "B" });
    expect((await db().artifact.findMany({ where: { runId: run.id } })).map((a) => a.path)).toEqual([
      "snapshot/train.py",
    ]);
  });

  it("keeps one whole snapshot when two uploads race", async () => {
    const { workspaceId, owner } = await ownerWorkspace();
    const run = await owner.runs.create({ workspaceId, experimentName: "snap" });
    const a = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`a${i}.py`, "A"]));
    const b = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`b${i}.py`, "B"]));
    await Promise.all([storeSnapshot(workspaceId, run.id, archive(a)), storeSnapshot(workspaceId, run.id, archive(b))]);
    const files = await unpacked(await packSnapshot(workspaceId, run.id));
    expect([a, b]).toContainEqual(files);
  });

  it("refuses a snapshot for a run that has ended", async () => {
    const { workspaceId, owner } = await ownerWorkspace();
    const run = await owner.runs.create({ workspaceId, experimentName: "snap" });
    await owner.runs.update({ workspaceId, runId: run.id, status: "Completed" });
    await expect(storeSnapshot(workspaceId, run.id, archive({ "train.py": "late" }))).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("has ended"),
    });
    expect(await db().artifact.count({ where: { runId: run.id } })).toBe(0);
  });

  it("will not pack a snapshot with a file missing", async () => {
    const { workspaceId, owner } = await ownerWorkspace();
    const run = await owner.runs.create({ workspaceId, experimentName: "snap" });
    await storeSnapshot(workspaceId, run.id, archive({ "train.py": "A", "lib/util.py": "A" }));
    fs.rmSync(path.join(env().crucibleHome, "artifacts", workspaceId, run.id, "snapshot", "lib", "util.py"));
    await expect(packSnapshot(workspaceId, run.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("snapshot/lib/util.py"),
    });
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
    const made = spawnSync(
      "python3",
      [
        "-c",
        "import sys; sys.path.insert(0, 'sdk/python'); from crucible._snapshot import build_snapshot; print(build_snapshot(sys.argv[1]))",
        folder,
      ],
      { encoding: "utf8" },
    );
    expect(made.status, made.stderr).toBe(0);
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const run = await callerFor(owner).runs.create({ workspaceId: workspace.id, experimentName: "snap" });
    expect(await storeSnapshot(workspace.id, run.id, fs.createReadStream(made.stdout.trim()))).toEqual({
      files: 2,
      bytes: 15,
    });
    fs.rmSync(folder, { recursive: true });
    fs.rmSync(made.stdout.trim());
  });
});

describe("purge", () => {
  it("removes a deleted run's points, rows and artifact files, children included", async () => {
    const { uploadArtifact } = await import("../server/services/artifacts/upload-artifact");
    const { datastoreFor } = await import("../server/storage/datastore-store");
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const caller = callerFor(owner);
    const run = await caller.runs.create({ workspaceId: workspace.id, experimentName: "purge" });
    const child = await caller.runs.create({
      workspaceId: workspace.id,
      experimentId: run.experimentId,
      parentRunId: run.id,
    });
    await caller.runs.logBatch({
      workspaceId: workspace.id,
      runId: run.id,
      metrics: [{ key: "m", value: 1, step: 0 }],
    });
    await caller.runs.logBatch({
      workspaceId: workspace.id,
      runId: child.id,
      metrics: [{ key: "m", value: 2, step: 0 }],
    });
    await uploadArtifact(workspace.id, child.id, "outputs/a.txt", Readable.from([Buffer.from("hello")]));
    await expect(caller.runs.purge({ workspaceId: workspace.id, runId: run.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await caller.runs.update({ workspaceId: workspace.id, runId: run.id, isDeleted: true });
    await caller.runs.purge({ workspaceId: workspace.id, runId: run.id });
    expect(await db().metric.count({ where: { runId: { in: [run.id, child.id] } } })).toBe(0);
    expect(await db().run.count({ where: { id: { in: [run.id, child.id] } } })).toBe(0);
    expect(await (await datastoreFor(workspace.id)).read(`${workspace.id}/${child.id}/outputs/a.txt`)).toBeNull();
  });

  it("removes an archived experiment with its runs and files", async () => {
    const { uploadArtifact } = await import("../server/services/artifacts/upload-artifact");
    const { datastoreFor } = await import("../server/storage/datastore-store");
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const caller = callerFor(owner);
    const run = await caller.runs.create({ workspaceId: workspace.id, experimentName: "gone" });
    await caller.runs.logBatch({
      workspaceId: workspace.id,
      runId: run.id,
      metrics: [{ key: "m", value: 1, step: 0 }],
    });
    await uploadArtifact(workspace.id, run.id, "outputs/b.txt", Readable.from([Buffer.from("bye")]));
    await caller.experiments.update({ workspaceId: workspace.id, experimentId: run.experimentId, isArchived: true });
    expect(await caller.experiments.purge({ workspaceId: workspace.id, experimentId: run.experimentId })).toEqual({
      runs: 1,
    });
    expect(await db().run.count({ where: { id: run.id } })).toBe(0);
    expect(await db().metric.count({ where: { runId: run.id } })).toBe(0);
    expect(await (await datastoreFor(workspace.id)).read(`${workspace.id}/${run.id}/outputs/b.txt`)).toBeNull();
  });

  it("takes the points of every run with a deleted workspace", async () => {
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const caller = callerFor(owner);
    const run = await caller.runs.create({ workspaceId: workspace.id, experimentName: "w" });
    await caller.runs.logBatch({
      workspaceId: workspace.id,
      runId: run.id,
      metrics: [
        { key: "m", value: 1, step: 0 },
        { key: "m", value: 2, step: 1 },
      ],
    });
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
      const batch = () =>
        logBatch(workspace.id, run.id, {
          metrics: [{ key: "m", value: 1, step: 0, timestamp: 1 }],
          params: [],
          tags: [],
        });
      // Refused at once, not after the purge: a batch shares its connection with other calls.
      await expect(batch()).rejects.toMatchObject({ code: "CONFLICT", message: `Run ${run.id} is being deleted` });
      await purger.query("COMMIT");
      await expect(batch()).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
    expect(await db().metric.count({ where: { runId: run.id } })).toBe(0);
  });
});
