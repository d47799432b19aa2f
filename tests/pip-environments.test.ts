import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { Worker } from "../server/worker/worker";
import { type callerFor, ownerWorkspace, sharedHost } from "./helpers/actors";
import { isDockerAvailable, LOCAL_DOCKER } from "./helpers/docker";
import { waitFor } from "./helpers/wait-for";

const hasDocker = await isDockerAvailable();
if (!hasDocker)
  console.warn(
    "pip-environments.test.ts: no Docker engine answers on /var/run/docker.sock, so these tests are skipped (CI starts one)",
  );

// A small package from the package index that the base image lacks.
const PACKAGE = "colorama==0.4.6";

describe.skipIf(!hasDocker)("environments with Python packages", () => {
  let worker: Worker;
  let workspaceId: string;
  let owner: ReturnType<typeof callerFor>;

  beforeAll(async () => {
    ({ workspaceId, owner } = await ownerWorkspace());
    await sharedHost(owner, workspaceId, {
      name: "local",
      endpoint: LOCAL_DOCKER,
      maxConcurrentRuns: 4,
      networkMode: "none",
    });
    worker = new Worker([workspaceId]);
    await worker.start();
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
      300_000,
    );
  const consoleText = async (runId: string) => (await owner.jobs.logs({ workspaceId, runId })).lines.map((l) => l.text);

  it("installs pip requirements into the image on a host without network, and reuses the image for the same spec", async () => {
    // A marker step makes this spec's hash new to this engine, so the first build is a real one.
    const marker = `RUN echo ${Date.now()} > /tmp/crucible-pip-test`;
    const spec = { image: "crucible-base:bookworm", python_requirements: [PACKAGE], dockerfile_steps: marker };
    await owner.environments.create({ workspaceId, name: "with-colorama", spec });
    const first = await owner.jobs.submit({
      workspaceId,
      // Installed by an unprivileged stage, put in place owned by root; the wheels stay out of the image.
      yaml: `command: python3 -c "import colorama, os; print('colorama', colorama.__version__); print('owner', os.stat(colorama.__file__).st_uid)" && test ! -e /tmp/crucible-wheels && echo no-wheels\nenvironment: with-colorama:1\ncompute: local\n`,
    });
    const run = await finished(first.runId);
    const lines = await consoleText(first.runId);
    expect(run.status, lines.slice(-20).join("\n")).toBe("Completed");
    expect(lines).toEqual(expect.arrayContaining(["colorama 0.4.6", "owner 0", "no-wheels"]));
    expect(lines.some((l) => l.startsWith("Building environment image"))).toBe(true);

    // The same spec under another name: the same image, not built again.
    await owner.environments.create({ workspaceId, name: "same-packages", spec });
    const second = await owner.jobs.submit({
      workspaceId,
      yaml: `command: python3 -c "import colorama"\nenvironment: same-packages:1\ncompute: local\n`,
    });
    expect((await finished(second.runId)).status).toBe("Completed");
    expect((await consoleText(second.runId)).some((l) => l.includes("is cached on this host"))).toBe(true);
  }, 400_000);

  it("takes a conda file's pip list, and names the conda packages it cannot resolve", async () => {
    await expect(
      owner.environments.create({
        workspaceId,
        name: "conda-numpy",
        spec: { conda_file: "dependencies:\n  - python=3.11\n  - numpy=1.26\n  - pip:\n      - colorama\n" },
      }),
    ).rejects.toThrow(/cannot be resolved.*numpy=1\.26/);
    const created = await owner.environments.create({
      workspaceId,
      name: "conda-pip",
      spec: { conda_file: { dependencies: ["python=3.11", "pip", { pip: [PACKAGE] }] } },
    });
    expect(created.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
