import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { Worker } from "../server/worker/worker";
import { type callerFor, ownerWorkspace, sharedHost } from "./helpers/actors";
import { isDockerAvailable, LOCAL_DOCKER } from "./helpers/docker";
import { waitFor } from "./helpers/wait-for";

const hasDocker = await isDockerAvailable();
if (!hasDocker)
  console.warn(
    "jobs.test.ts: no Docker engine answers on /var/run/docker.sock, so the job runner tests are skipped (CI starts one)",
  );

describe.skipIf(!hasDocker)("job runner on a real Docker engine", () => {
  let worker: Worker;
  let workspaceId: string;
  let owner: ReturnType<typeof callerFor>;
  let localName: string;

  beforeAll(async () => {
    ({ workspaceId, owner } = await ownerWorkspace());
    localName = (
      await sharedHost(owner, workspaceId, {
        name: "local",
        endpoint: LOCAL_DOCKER,
        maxConcurrentRuns: 8,
        // An environment below writes to /etc in a RUN line.
        runStepsAsRoot: true,
      })
    ).host.name;
    worker = new Worker([workspaceId]);
    await worker.start();
  });
  afterAll(async () => {
    await worker.stop();
  });

  const submit = (yaml: string) => owner.jobs.submit({ workspaceId, yaml });
  const finished = (runId: string, timeoutMs = 90_000) =>
    waitFor(
      `run ${runId} to end`,
      async () => {
        const run = await db().run.findUnique({ where: { id: runId } });
        return run && ["Completed", "Failed", "Canceled", "TimedOut"].includes(run.status) ? run : null;
      },
      timeoutMs,
    );
  const consoleText = async (runId: string) => (await owner.jobs.logs({ workspaceId, runId })).lines.map((l) => l.text);

  it("runs a command in the curated environment: ordered logs with progress collapsed, outputs saved, Completed", async () => {
    const { runId } = await submit(`
command: >-
  python3 -c "import sklearn; print('sklearn', sklearn.__version__)" &&
  echo to-stderr >&2 && printf '10%%\\r50%%\\r100%%\\n' && echo epochs=\${{inputs.epochs}} &&
  echo model > /crucible/outputs/model.txt
environment: crucible-sklearn:1
compute: local
experiment_name: runner-basics
inputs:
  epochs: 3
`);
    const run = await finished(runId);
    expect(run.status).toBe("Completed");
    const lines = await consoleText(runId);
    expect(lines.some((l) => /^sklearn \d/.test(l))).toBe(true);
    expect(lines).toContain("to-stderr");
    expect(lines).toContain("100%");
    expect(lines).not.toContain("10%\r50%\r100%");
    expect(lines).toContain("epochs=3");
    const { lines: raw } = await owner.jobs.logs({ workspaceId, runId });
    expect(raw.map((l) => l.seq)).toEqual(raw.map((_, i) => i + 1));
    expect(raw.find((l) => l.text === "to-stderr")?.stream).toBe("stderr");
    const artifacts = await db().artifact.findMany({ where: { runId } });
    expect(artifacts.map((a) => a.path)).toContain("outputs/model.txt");
    const view = await owner.jobs.byRun({ workspaceId, runId });
    expect(view).toMatchObject({ host: localName, exitCode: 0, environment: { name: "crucible-sklearn", version: 1 } });
    expect((await owner.runs.byId({ workspaceId, runId })).params).toEqual({ epochs: "3" });
    const left = await new Docker({ socketPath: "/var/run/docker.sock" }).listContainers({
      all: true,
      filters: { label: [`crucible.run-id=${runId}`] },
    });
    expect(left).toEqual([]);
  });

  it("brings the SDK's metrics out of a container without network, live and at the end, each once", async () => {
    const script = [
      "import time",
      "from crucible import Run",
      "run = Run.get_context()",
      "run.log_params({'lr': 0.1})",
      "run.set_tags({'mode': 'file'})",
      "[run.log('loss', 1.0 / (i + 1)) for i in range(150)]",
      "time.sleep(6)",
      "[run.log('loss', 0.0) for i in range(100)]",
      "run.log('odd', float('nan'))",
    ].join("; ");
    const { runId } = await owner.jobs.submit({
      workspaceId,
      spec: { command: `python3 -c "${script}"`, environment: "crucible-sklearn", compute: "local" },
    });
    // While it sleeps, the first complete chunk of lines has already reached the run.
    await waitFor(
      "metrics while running",
      async () => {
        const [run, summary] = await Promise.all([
          db().run.findUnique({ where: { id: runId } }),
          db().metricSummary.findFirst({ where: { runId, key: "loss" } }),
        ]);
        if (run && run.status !== "Running" && run.status !== "Preparing" && run.status !== "Queued")
          throw new Error(`ended ${run.status}: ${(await consoleText(runId)).join("\n")}`);
        return run?.status === "Running" && (summary?.count ?? 0) >= 90;
      },
      60_000,
      200,
    );
    expect((await finished(runId)).status).toBe("Completed");
    const view = await owner.runs.byId({ workspaceId, runId });
    expect(view.metrics.loss).toMatchObject({ count: 250, last: 0 });
    expect(view.metrics.odd?.last).toBe("NaN");
    expect(view.params).toEqual({ lr: "0.1" });
    expect(view.tags).toMatchObject({ mode: "file" });
  }, 120_000);

  it("fails with the exit code, and names out-of-memory", async () => {
    const failed = await submit(`command: echo bye && exit 3\nenvironment: crucible-sklearn\ncompute: local\n`);
    const oom = await submit(`
command: python3 -c "x = bytearray(512 * 1024 * 1024); print(len(x))"
environment: crucible-sklearn
compute: local
resources:
  memory: 64m
`);
    expect((await finished(failed.runId)).status).toBe("Failed");
    expect((await owner.jobs.byRun({ workspaceId, runId: failed.runId }))?.failureReason).toBe(
      "The command exited with code 3",
    );
    expect((await finished(oom.runId)).status).toBe("Failed");
    expect((await owner.jobs.byRun({ workspaceId, runId: oom.runId }))?.failureReason).toMatch(/^Out of memory/);
  });

  it("cancels a running job with a grace period, and ends a job past its time limit", async () => {
    const long = await submit(`command: echo started && sleep 300\nenvironment: crucible-sklearn\ncompute: local\n`);
    const limited = await submit(
      `command: sleep 300\nenvironment: crucible-sklearn\ncompute: local\nlimits:\n  timeout: 2\n`,
    );
    await waitFor("the long job to print", async () => (await consoleText(long.runId)).includes("started"));
    await expect(owner.jobs.cancel({ workspaceId, runId: long.runId })).resolves.toEqual({ status: "Canceling" });
    expect((await finished(long.runId)).status).toBe("Canceled");
    expect((await finished(limited.runId)).status).toBe("TimedOut");
    await expect(owner.jobs.cancel({ workspaceId, runId: long.runId })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("builds an environment image once per spec hash and keeps a failed build's log", async () => {
    const spec = {
      dockerfile_steps: "RUN echo built-by-crucible > /etc/crucible-test",
      environment_variables: { GREETING: "hello" },
    };
    const a = await owner.environments.create({
      workspaceId,
      name: "with-file",
      spec: { ...spec, image: "crucible-base:bookworm", os_packages: [], python_requirements: [] },
    });
    const b = await owner.environments.create({
      workspaceId,
      name: "same-spec-other-name",
      spec: {
        ...spec,
        image: "crucible-base:bookworm",
        os_packages: [],
        python_requirements: [],
        environment_variables: {},
      },
    });
    expect(a.hash).toBe(b.hash);
    const full = { ...spec, image: "crucible-base:bookworm", os_packages: [], python_requirements: [] };
    // The same spec again is the same version; a changed variable (not in the hash) is a new one.
    expect(await owner.environments.create({ workspaceId, name: "with-file", spec: full })).toMatchObject({
      version: 1,
      isNew: false,
    });
    expect(
      await owner.environments.create({
        workspaceId,
        name: "with-file",
        spec: { ...full, environment_variables: { GREETING: "hi" } },
      }),
    ).toMatchObject({ version: 2, isNew: true, hash: a.hash });
    const first = await submit(
      `command: cat /etc/crucible-test && echo $GREETING\nenvironment: with-file:1\ncompute: local\n`,
    );
    expect((await finished(first.runId, 180_000)).status).toBe("Completed");
    expect(await consoleText(first.runId)).toEqual(expect.arrayContaining(["built-by-crucible", "hello"]));
    const second = await submit(`command: cat /etc/crucible-test\nenvironment: same-spec-other-name\ncompute: local\n`);
    expect((await finished(second.runId)).status).toBe("Completed");
    expect((await consoleText(second.runId)).some((l) => l.includes("is cached on this host"))).toBe(true);

    const broken = await submit(`
command: echo never
environment:
  dockerfile_steps: RUN echo about-to-fail && exit 7
compute: local
`);
    expect((await finished(broken.runId, 180_000)).status).toBe("Failed");
    const reason = (await owner.jobs.byRun({ workspaceId, runId: broken.runId }))?.failureReason;
    expect(reason).toMatch(/Image build failed/);
    expect((await consoleText(broken.runId)).some((l) => l.includes("about-to-fail"))).toBe(true);
    const builds = await db().environmentBuild.findMany({ where: { runId: broken.runId } });
    expect(builds[0]).toMatchObject({ status: "Failed" });
    expect(builds[0]?.log).toContain("about-to-fail");
  });

  it("retries an infrastructure failure with backoff on a new attempt, and never retries the user's own failure", async () => {
    const { host: flaky } = await sharedHost(owner, workspaceId, { name: "flaky", endpoint: LOCAL_DOCKER });
    // The engine stops answering after the host was seen Online: the first attempt cannot start.
    await db().computeHost.update({ where: { id: flaky.id }, data: { endpoint: "unix:///nonexistent/docker.sock" } });
    const { runId } = await submit("command: echo second-attempt\nenvironment: crucible-sklearn\ncompute: flaky\n");
    const requeued = await waitFor(
      "the first attempt to fail and requeue",
      async () => {
        const job = await db().job.findUnique({ where: { runId }, include: { run: true } });
        return job && job.attempt === 1 && job.run.status === "Queued" ? job : null;
      },
      30_000,
      100,
    );
    expect(requeued.notBefore.getTime()).toBeGreaterThan(Date.now());
    expect(
      (await consoleText(runId)).some((l) => /^Infrastructure error: .*retrying in 5 s \(attempt 1 of 3\)/.test(l)),
    ).toBe(true);
    await db().computeHost.update({ where: { id: flaky.id }, data: { endpoint: LOCAL_DOCKER } });
    expect((await finished(runId)).status).toBe("Completed");
    expect((await db().job.findUnique({ where: { runId } }))?.attempt).toBe(2);
    expect(await consoleText(runId)).toContain("second-attempt");

    const userError = await submit("command: exit 1\nenvironment: crucible-sklearn\ncompute: local\n");
    expect((await finished(userError.runId)).status).toBe("Failed");
    expect((await db().job.findUnique({ where: { runId: userError.runId } }))?.attempt).toBe(1);
  });

  it("refuses bad specs with the line and field, and unknown compute or environment", async () => {
    await expect(
      submit("command: x\nenvironment: crucible-sklearn\ncompute: local\nresources:\n  cpus: 2\n"),
    ).rejects.toThrow(/line 5, resources.cpus: Unknown field/);
    await expect(submit("command: x\nenvironment: crucible-sklearn\ncompute: nowhere\n")).rejects.toThrow(
      /no compute target or shared host named 'nowhere'/,
    );
    await expect(submit("command: x\nenvironment: nope:4\ncompute: local\n")).rejects.toThrow(
      /no environment named 'nope'/,
    );
    await expect(
      owner.environments.create({
        workspaceId,
        name: "crucible-mine",
        spec: { image: "x", os_packages: [], python_requirements: [], dockerfile_steps: "", environment_variables: {} },
      }),
    ).rejects.toThrow(/reserved/);
  });
});
