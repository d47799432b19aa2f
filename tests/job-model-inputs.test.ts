import { Readable } from "node:stream";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import { Worker } from "../server/worker/worker";
import { callerFor, createUser, ownerWorkspace, sharedHost } from "./helpers/actors";
import { isDockerAvailable, LOCAL_DOCKER } from "./helpers/docker";
import { waitFor } from "./helpers/wait-for";

const hasDocker = await isDockerAvailable();

type TCaller = ReturnType<typeof callerFor>;

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

const job = (inputs: string, command = "ls ${{inputs.m}}") => `
command: >-
  ${command}
environment:
  image: crucible-base:bookworm
compute: local
experiment_name: model-inputs
inputs:
${inputs}`;

describe.skipIf(!hasDocker)("jobs read registered model versions as inputs", () => {
  let worker: Worker | null = null;
  let workspaceId: string;
  let owner: TCaller;

  /** A version registered from a run's outputs, as the studio and the SDK register one. */
  async function register(name: string, files: Record<string, string>) {
    const run = await owner.runs.create({ workspaceId, experimentName: "training" });
    for (const [p, content] of Object.entries(files))
      await uploadArtifact(workspaceId, run.id, `outputs/model/${p}`, Readable.from([Buffer.from(content)]));
    return owner.models.register({ workspaceId, name, runId: run.id, path: "outputs/model" });
  }

  beforeAll(async () => {
    ({ workspaceId, owner } = await ownerWorkspace());
    await sharedHost(owner, workspaceId, { name: "local", endpoint: LOCAL_DOCKER, maxConcurrentRuns: 4 });
    await register("clf", { "model.txt": "weights-v1", "conf/params.json": '{"depth": 3}' });
    await register("clf", { "model.txt": "weights-v2" });
    await owner.models.setAlias({ workspaceId, name: "clf", alias: "champion", version: 1 });
  });
  afterAll(async () => {
    await worker?.stop();
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

  it("pins an alias at submission: moving it before the job starts changes nothing for the job", async () => {
    const { runId } = await owner.jobs.submit({
      workspaceId,
      yaml: job(
        [
          "  m:",
          "    path: crucible:models/clf@champion",
          "  pinned:",
          "    type: custom_model",
          "    path: crucible:models/clf:2",
          "    mode: download",
        ].join("\n"),
        [
          "cat ${{inputs.m}}/model.txt && echo && cat ${{inputs.m}}/conf/params.json && echo &&",
          "(touch ${{inputs.m}}/new.txt 2>/dev/null && echo M-WRITABLE || echo M-READONLY) &&",
          "cat ${{inputs.pinned}}/model.txt && echo && (echo more >> ${{inputs.pinned}}/model.txt && echo PINNED-WRITABLE)",
        ].join(" "),
      ),
    });
    // The alias moves, and the job's version cannot be deleted while the job waits for it.
    await owner.models.setAlias({ workspaceId, name: "clf", alias: "champion", version: 2 });
    expect(await failure(owner.models.deleteVersion({ workspaceId, name: "clf", version: "1" }))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^Version 1 is input 'm' of run '.+' \(Queued\)/),
    });

    worker = new Worker([workspaceId]);
    await worker.start();
    const run = await finished(runId);
    const text = (await owner.jobs.logs({ workspaceId, runId })).lines.map((l) => l.text).join("\n");
    expect(run.status, text).toBe("Completed");
    expect(text).toContain("weights-v1");
    expect(text).toContain('{"depth": 3}');
    expect(text).toContain("weights-v2");
    // Whole lines: the command itself, with both outcomes' words, is in the log too.
    const lines = text.split("\n").map((l) => l.trim());
    expect(lines.filter((l) => /^(M|PINNED)-[A-Z]+$/.test(l))).toEqual(["M-READONLY", "PINNED-WRITABLE"]);
    expect(text).toMatch(/Input 'm': model clf:1, 2 file\(s\), \d+ bytes, read-only at \/crucible\/inputs\/m/);
    expect(text).toMatch(/Input 'pinned': model clf:2, 1 file\(s\), 10 bytes, a writable copy/);

    expect((await owner.runs.byId({ workspaceId, runId })).params).toEqual({
      m: "models/clf:1",
      pinned: "models/clf:2",
    });
    const links = await owner.lineage.runData({ workspaceId, runId });
    expect(links.map((l) => [l.kind, l.direction, l.name, `${l.asset}:${l.version}`, l.type, l.mode])).toEqual([
      ["model", "input", "m", "clf:1", "custom_model", "ro_mount"],
      ["model", "input", "pinned", "clf:2", "custom_model", "download"],
    ]);
    expect(await db().runModelInput.findMany({ where: { runId }, select: { name: true, requestedRef: true } })).toEqual(
      expect.arrayContaining([
        { name: "m", requestedRef: "crucible:models/clf@champion" },
        { name: "pinned", requestedRef: "crucible:models/clf:2" },
      ]),
    );
    const lineage = await owner.models.lineage({ workspaceId, name: "clf", version: "1" });
    expect(lineage.readBy).toEqual([{ runId, runName: run.displayName, status: "Completed", input: "m" }]);
    expect((await owner.models.lineage({ workspaceId, name: "clf", version: "champion" })).readBy).toEqual([
      { runId, runName: run.displayName, status: "Completed", input: "pinned" },
    ]);
  });

  it("refuses a model, alias or version that does not exist, or of the wrong type, before any run is made", async () => {
    const runsBefore = await db().run.count({ where: { workspaceId } });
    const refused = (inputs: string) => failure(owner.jobs.submit({ workspaceId, yaml: job(inputs) }));
    expect(await refused("  m:\n    path: crucible:models/nope:1\n")).toEqual({
      code: "NOT_FOUND",
      message: "inputs.m: Registered model 'nope' not found",
    });
    expect(await refused("  m:\n    path: crucible:models/clf@challenger\n")).toEqual({
      code: "NOT_FOUND",
      message: "inputs.m: Registered model 'clf' has no alias 'challenger'",
    });
    expect(await refused("  m:\n    path: crucible:models/clf:9\n")).toEqual({
      code: "NOT_FOUND",
      message: "inputs.m: Registered model 'clf' has no version 9",
    });
    expect(await refused("  m:\n    type: mlflow_model\n    path: crucible:models/clf:1\n")).toEqual({
      code: "BAD_REQUEST",
      message: "inputs.m: clf:1 is of type custom_model, not mlflow_model",
    });
    for (const [inputs, message] of [
      ["  m:\n    path: crucible:models/clf\n", /inputs\.m\.path: Name a version of 'clf'/],
      ["  m:\n    type: custom_model\n    path: clf:1\n", /inputs\.m\.path: Use a registered model, crucible:models\//],
      [
        "  m:\n    type: uri_folder\n    path: crucible:models/clf:1\n",
        /names a registered model: use type custom_model/,
      ],
      ["  m:\n    path: crucible:models/clf:1\n    mode: rw_mount\n", /inputs\.m\.mode/],
      ["  m:\n    path: crucible:models/clf:1\n    name: x\n", /inputs\.m\.name: Unknown field/],
    ] as const) {
      const result = await refused(inputs);
      expect(result.code).toBe("BAD_REQUEST");
      expect(result.message).toMatch(message);
    }
    // The command names an input that is not there: a spec error, not a run.
    expect(
      (
        await failure(
          owner.jobs.submit({ workspaceId, yaml: job("  m:\n    path: crucible:models/clf:1\n", "ls ${{inputs.x}}") }),
        )
      ).message,
    ).toMatch(/inputs\.x\}\} names no input; inputs are: m/);
    expect(await db().run.count({ where: { workspaceId } })).toBe(runsBefore);
  });

  it("asks for model:read, data:read and data:write besides run:submit", async () => {
    const role = await owner.roles.create({
      workspaceId,
      name: "Submitter",
      actions: ["workspace:read", "experiment:read", "run:submit", "compute:read", "environment:read"],
    });
    const submitter = await createUser("submitter");
    await owner.members.add({ workspaceId, email: submitter.email, customRoleId: role.id });
    const runsBefore = await db().run.count({ where: { workspaceId } });
    expect(
      await failure(
        callerFor(submitter).jobs.submit({ workspaceId, yaml: job("  m:\n    path: crucible:models/clf:1\n") }),
      ),
    ).toEqual({ code: "FORBIDDEN", message: "Missing permission: model:read" });
    expect(
      await failure(
        callerFor(submitter).jobs.submit({
          workspaceId,
          yaml: job("  d:\n    path: crucible:raw:1\n", "ls ${{inputs.d}}"),
        }),
      ),
    ).toEqual({ code: "FORBIDDEN", message: "Missing permission: data:read" });
    expect(
      await failure(
        callerFor(submitter).jobs.submit({
          workspaceId,
          yaml: `${job("  n: 1\n", "echo ${{inputs.n}}")}\noutputs:\n  out:\n    type: uri_folder\n    name: made\n`,
        }),
      ),
    ).toEqual({ code: "FORBIDDEN", message: "Missing permission: data:write" });
    expect(await db().run.count({ where: { workspaceId } })).toBe(runsBefore);
  });
});
