import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { writeUploadChunk } from "../server/services/data/write-upload-chunk";
import { Worker } from "../server/worker/worker";
import { type callerFor, ownerWorkspace, sharedHost } from "./helpers/actors";
import { isDockerAvailable, LOCAL_DOCKER } from "./helpers/docker";
import { waitFor } from "./helpers/wait-for";

const hasDocker = await isDockerAvailable();

describe.skipIf(!hasDocker)("jobs read data asset versions and register their outputs", () => {
  let worker: Worker;
  let workspaceId: string;
  let owner: ReturnType<typeof callerFor>;

  /** A version made the way clients make one: an upload session, the bytes, the commit. */
  async function upload(name: string, type: "uri_file" | "uri_folder", files: Record<string, string>) {
    const session = await owner.data.createUpload({
      workspaceId,
      name,
      type,
      files: Object.entries(files).map(([path, content]) => ({ path, size: Buffer.byteLength(content) })),
    });
    const contents = Object.values(files);
    for (const f of session.files)
      await writeUploadChunk(
        workspaceId,
        session.uploadId,
        f.index,
        0,
        Readable.from([Buffer.from(contents[f.index]!)]),
      );
    return owner.data.commitUpload({ workspaceId, uploadId: session.uploadId });
  }

  beforeAll(async () => {
    ({ workspaceId, owner } = await ownerWorkspace());
    await sharedHost(owner, workspaceId, { name: "local", endpoint: LOCAL_DOCKER, maxConcurrentRuns: 4 });
    worker = new Worker([workspaceId]);
    await worker.start();
    await upload("raw-data", "uri_folder", { "a.csv": "x,y\n1,2\n", "sub/b.txt": "inside-b" });
    await upload("one-file", "uri_file", { "only.txt": "the-only-file" });
  });
  afterAll(async () => {
    await worker.stop();
  });

  const finished = (runId: string) =>
    waitFor(
      `run ${runId} to end`,
      async () => {
        const run = await db().run.findUnique({ where: { id: runId } });
        return run && ["Completed", "Failed", "Canceled", "TimedOut"].includes(run.status) ? run : null;
      },
      120_000,
    );
  const consoleText = async (runId: string) =>
    (await owner.jobs.logs({ workspaceId, runId })).lines.map((l) => l.text).join("\n");

  const job = (command: string) => `
command: >-
  ${command}
environment:
  image: crucible-base:bookworm
compute: local
experiment_name: data-jobs
inputs:
  raw:
    type: uri_folder
    path: crucible:raw-data@latest
  one:
    type: uri_file
    path: azureml:one-file:1
    mode: download
  epochs: 2
outputs:
  model:
    type: uri_folder
    name: trained-model
`;

  it("copies inputs in (read-only or writable), expands their paths, and makes the output the next version", async () => {
    const { runId } = await owner.jobs.submit({
      workspaceId,
      yaml: job(
        [
          "cat ${{inputs.raw}}/sub/b.txt && echo &&",
          "(touch ${{inputs.raw}}/new.txt 2>/dev/null && echo RAW-WRITABLE || echo RAW-READONLY) &&",
          // Neither the files nor their folder may change: not appended to, removed, or made writable.
          "(echo more >> ${{inputs.raw}}/a.csv 2>/dev/null && echo RAW-APPENDED || echo RAW-KEPT) &&",
          "(rm -f ${{inputs.raw}}/sub/b.txt 2>/dev/null; chmod -R u+w ${{inputs.raw}} 2>/dev/null;",
          "test -f ${{inputs.raw}}/sub/b.txt && echo RAW-STILL-THERE) &&",
          "cat ${{inputs.one}} && echo && (echo more >> ${{inputs.one}} && echo ONE-WRITABLE) &&",
          "mkdir -p ${{outputs.model}}/weights && echo w > ${{outputs.model}}/weights/w.bin &&",
          "echo meta > ${{outputs.model}}/meta.txt",
        ].join(" "),
      ),
    });
    const run = await finished(runId);
    const text = await consoleText(runId);
    expect(run.status, text).toBe("Completed");
    expect(text).toContain("inside-b");
    // Whole lines: the command itself, with every one of these words, is in the log too.
    const lines = text.split("\n").map((l) => l.trim());
    expect(lines.filter((l) => /^(RAW|ONE)-[A-Z-]+$/.test(l))).toEqual([
      "RAW-READONLY",
      "RAW-KEPT",
      "RAW-STILL-THERE",
      "ONE-WRITABLE",
    ]);
    expect(text).toContain("the-only-file");
    expect(text).toContain("Output 'model' registered as trained-model:1 (2 file(s))");
    expect((await owner.runs.byId({ workspaceId, runId })).params).toEqual({
      raw: "raw-data:1",
      one: "one-file:1",
      epochs: "2",
    });

    const links = await owner.lineage.runData({ workspaceId, runId });
    expect(links.map((l) => [l.direction, l.name, `${l.asset}:${l.version}`])).toEqual([
      ["input", "one", "one-file:1"],
      ["input", "raw", "raw-data:1"],
      ["output", "model", "trained-model:1"],
    ]);
    const files = await owner.data.files({ workspaceId, name: "trained-model", version: 1 });
    expect(files.files.map((f) => [f.path, f.size])).toEqual([
      ["meta.txt", 5],
      ["weights/w.bin", 2],
    ]);
    const users = await owner.lineage.versionRuns({ workspaceId, name: "raw-data", version: "1" });
    expect(users.map((u) => [u.direction, u.runId])).toEqual([["input", runId]]);

    // From the model's data back to the run and on to what it read.
    const graph = await owner.lineage.graph({ workspaceId, asset: "trained-model", version: "1", depth: 2 });
    expect(graph.nodes.map((n) => n.label).sort()).toEqual(
      ["one-file:1", "raw-data:1", "trained-model:1", run.displayName].sort(),
    );
    expect(graph.edges).toHaveLength(3);
    expect(graph.edges).toContainEqual({ from: `run:${runId}`, to: graph.root, name: "model" });
  });

  it("registers nothing for a job that fails, and a second completed run makes version 2", async () => {
    const failed = await owner.jobs.submit({
      workspaceId,
      yaml: job("echo partial > ${{outputs.model}}/p.txt && exit 3"),
    });
    expect((await finished(failed.runId)).status).toBe("Failed");
    expect(await owner.lineage.runData({ workspaceId, runId: failed.runId })).toHaveLength(2);
    const again = await owner.jobs.submit({ workspaceId, yaml: job("echo second > ${{outputs.model}}/s.txt") });
    expect((await finished(again.runId)).status).toBe("Completed");
    const asset = await owner.data.byName({ workspaceId, name: "trained-model" });
    expect(asset.versions.map((v) => v.version).sort()).toEqual([1, 2]);
  });

  it("refuses inputs that name no version, the wrong type or a local path, before any run is made", async () => {
    const runsBefore = await db().run.count({ where: { workspaceId } });
    const refused = async (yaml: string) => {
      try {
        await owner.jobs.submit({ workspaceId, yaml });
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error("expected a refusal");
    };
    const base = (input: string) =>
      `command: echo\nenvironment:\n  image: crucible-base:bookworm\ncompute: local\ninputs:\n  d:\n${input}`;
    expect(await refused(base("    path: crucible:nope:1\n"))).toMatch(/inputs\.d: Data asset 'nope' not found/);
    expect(await refused(base("    type: uri_file\n    path: crucible:raw-data:1\n"))).toMatch(
      /inputs\.d: uri_file needs one file; raw-data:1 has 2/,
    );
    expect(await refused(base("    path: ./local-folder\n"))).toMatch(/crucible data create/);
    expect(await refused(base("    path: crucible:raw-data:1\n    mode: rw_mount\n"))).toMatch(/mode/);
    expect(await db().run.count({ where: { workspaceId } })).toBe(runsBefore);
  });
});
