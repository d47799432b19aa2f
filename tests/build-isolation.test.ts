import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { BUILD_LABEL } from "../server/worker/build-container";
import { installationId } from "../server/worker/installation-id";
import { sweepContainers } from "../server/worker/sweep-containers";
import { withUnprivilegedStage } from "../server/worker/unprivileged-stage";
import { Worker } from "../server/worker/worker";
import { type callerFor, ownerWorkspace, sharedHost } from "./helpers/actors";
import { isDockerAvailable, LOCAL_DOCKER } from "./helpers/docker";
import { waitFor } from "./helpers/wait-for";

const hasDocker = await isDockerAvailable();
if (!hasDocker)
  console.warn(
    "build-isolation.test.ts: no Docker engine answers on /var/run/docker.sock, so these tests are skipped (CI starts one)",
  );

const BASE = "crucible-base:bookworm";
const engine = new Docker({ socketPath: "/var/run/docker.sock" });

describe.skipIf(!hasDocker)("what an image build's containers can do", () => {
  let worker: Worker;
  let workspaceId: string;
  let owner: ReturnType<typeof callerFor>;

  beforeAll(async () => {
    ({ workspaceId, owner } = await ownerWorkspace());
    // `host` so the os_packages step can fetch packages; `offline` to see that it cannot. Only
    // `networked` runs RUN lines as root.
    await sharedHost(owner, workspaceId, {
      name: "networked",
      endpoint: LOCAL_DOCKER,
      networkMode: "host",
      runStepsAsRoot: true,
    });
    await sharedHost(owner, workspaceId, { name: "offline", endpoint: LOCAL_DOCKER, networkMode: "none" });
    worker = new Worker([workspaceId]);
    await worker.start();
  });
  afterAll(async () => {
    await worker.stop();
  });

  const submit = (yaml: string) => owner.jobs.submit({ workspaceId, yaml });
  const finished = (runId: string, timeoutMs = 300_000) =>
    waitFor(
      `run ${runId} to end`,
      async () => {
        const run = await db().run.findUnique({ where: { id: runId } });
        return run && ["Completed", "Failed", "Canceled", "TimedOut"].includes(run.status) ? run.status : null;
      },
      timeoutMs,
    );
  const consoleText = async (runId: string) => (await owner.jobs.logs({ workspaceId, runId })).lines.map((l) => l.text);
  const buildOf = (runId: string) =>
    waitFor("the build record", () => db().environmentBuild.findFirst({ where: { runId } }), 60_000);
  const buildContainers = (buildId: string) =>
    engine.listContainers({ all: true, filters: { label: [`${BUILD_LABEL}=${buildId}`] } });
  const buildImages = (buildId: string) =>
    engine.listImages({ all: true, filters: { label: [`${BUILD_LABEL}=${buildId}`] } });

  it("runs a RUN step as root with no capabilities, bounded like a job, with no mounts", async () => {
    const marker = `isolation-${Date.now()}`;
    const { runId } = await submit(`
command: echo ran
environment:
  dockerfile_steps: RUN echo ${marker} caps-$(grep CapEff /proc/self/status | cut -f2) uid-$(id -u) && sleep 15
resources:
  cpu: 0.5
  memory: 768m
compute: networked
`);
    const build = await buildOf(runId);
    const running = await waitFor(
      "the build step's container to run",
      async () => (await buildContainers(build.id)).find((c) => c.State === "running") ?? null,
      60_000,
    );
    const inspected = await engine.getContainer(running.Id).inspect();
    const hostConfig = inspected.HostConfig as Docker.HostConfig & { CapDrop?: string[]; PidsLimit?: number };
    expect(hostConfig.CapDrop).toEqual(["ALL"]);
    expect(hostConfig.CapAdd ?? []).toEqual([]);
    expect(hostConfig.SecurityOpt).toEqual(["no-new-privileges"]);
    expect(hostConfig.Privileged).toBe(false);
    expect(hostConfig.PidsLimit).toBe(1024);
    expect(hostConfig.Memory).toBe(768 * 1024 ** 2);
    expect(hostConfig.MemorySwap).toBe(768 * 1024 ** 2);
    expect(hostConfig.NanoCpus).toBe(0.5e9);
    expect(hostConfig.LogConfig).toEqual({ Type: "json-file", Config: { "max-size": "20m", "max-file": "2" } });
    expect(hostConfig.NetworkMode).toBe("host");
    expect(hostConfig.AutoRemove).toBe(false);
    expect(inspected.Mounts).toEqual([]);
    expect(hostConfig.Binds ?? []).toEqual([]);
    expect(inspected.Config.Labels).toMatchObject({ "crucible.installation": await installationId() });

    expect(await finished(runId)).toBe("Completed");
    expect(await consoleText(runId)).toContain(`${marker} caps-0000000000000000 uid-0`);
    // The step's container is gone once its image is committed.
    expect(await buildContainers(build.id)).toEqual([]);
  });

  it("runs RUN lines as the job's user on a host that does not allow root, and says so when one fails", async () => {
    const marker = `as-user-${Date.now()}`;
    const { runId } = await submit(`
command: cat /tmp/${marker}
environment:
  dockerfile_steps: RUN echo ${marker} uid-$(id -u) caps-$(grep CapEff /proc/self/status | cut -f2) > /tmp/${marker}
compute: offline
`);
    expect(await finished(runId)).toBe("Completed");
    expect(await consoleText(runId)).toContain(`${marker} uid-1000 caps-0000000000000000`);
    // The image still says root, as its base did, not the user the step ran as.
    const built = await engine.getImage(`crucible-env:${(await buildOf(runId)).hash.slice(0, 24)}`).inspect();
    expect(["", "0:0"]).toContain(built.Config.User);

    const failing = await submit(
      `command: echo never\nenvironment:\n  dockerfile_steps: RUN echo ${marker} > /etc/${marker}\ncompute: offline\n`,
    );
    expect(await finished(failing.runId)).toBe("Failed");
    expect((await owner.jobs.byRun({ workspaceId, runId: failing.runId }))?.failureReason).toMatch(
      /exited with code \d+ \(RUN lines run as user 1000:1000 on this host, not root: .*ask an admin to let this host run them as root\)/,
    );
  });

  it("prepares packages in a stage container as the job's user, with no capabilities and, offline, no network", async () => {
    // Not this installation's labels: a worker of another test file would sweep a step of no known build.
    const labels = { "crucible.test": `probe-${Date.now()}` };
    const lines: string[] = [];
    const probe = [
      "id -u",
      "grep CapEff /proc/self/status",
      "chown 1000 /etc/passwd && echo chown-allowed || echo chown-refused",
      "python3 -c \"import socket; socket.create_connection(('deb.debian.org', 80), timeout=3)\" && echo net-allowed || echo net-refused",
      "(echo written > /usr/local/lib/probe.txt) 2>/dev/null && echo system-write-allowed || echo system-write-refused",
      "echo staged > /tmp/staged.txt",
    ].join("; ");
    let name = "";
    const staged = await withUnprivilegedStage(
      {
        docker: engine,
        name: `crucible-build-test-${Date.now()}`,
        from: BASE,
        title: "probe",
        command: ["/bin/sh", "-c", probe],
        networkMode: "none",
        limits: { cpu: 1, memoryBytes: 512 * 1024 ** 2 },
        labels,
        files: null,
        emit: (text) => lines.push(text),
        signal: new AbortController().signal,
      },
      async (container) => {
        const inspected = await container.inspect();
        name = inspected.Name;
        expect(inspected.Config.User).toBe("1000:1000");
        expect(inspected.HostConfig.CapAdd ?? []).toEqual([]);
        expect(inspected.HostConfig.CapDrop).toEqual(["ALL"]);
        expect(inspected.HostConfig.NetworkMode).toBe("none");
        return (await container.getArchive({ path: "/tmp/staged.txt" })) !== null;
      },
    );
    expect(staged).toBe(true);
    const output = lines.join("");
    expect(output).toMatch(/^1000$/m);
    expect(output).toMatch(/^CapEff:\s+0000000000000000$/m);
    expect(output).toContain("chown-refused");
    expect(output).toContain("net-refused");
    expect(output).toContain("system-write-refused");
    // The stage's container is gone once its files are collected.
    await expect(engine.getContainer(name.replace(/^\//, "")).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it("gives the image the base image's settings plus ENV and WORKDIR, and labels it finished", async () => {
    const marker = `settings-${Date.now()}`;
    const { runId } = await submit(`
command: echo "$FOO|$BAZ" && cat /opt/app/made
environment:
  dockerfile_steps: |
    ENV FOO=${marker} BAZ="two words"
    WORKDIR /opt/app
    RUN echo "$FOO" > made
    LABEL team=ml
compute: networked
`);
    expect(await finished(runId)).toBe("Completed");
    expect(await consoleText(runId)).toEqual(expect.arrayContaining([`${marker}|two words`, marker]));
    const build = await buildOf(runId);
    const [base, built] = await Promise.all([
      engine.getImage(BASE).inspect(),
      engine.getImage(`crucible-env:${build.hash.slice(0, 24)}`).inspect(),
    ]);
    expect(built.Config.Cmd).toEqual(base.Config.Cmd);
    // An empty entrypoint ([], which the commit needs to keep the step's command out) runs as none does.
    const entrypoint = (config: Docker.ImageInspectInfo["Config"]) =>
      config.Entrypoint && config.Entrypoint.length > 0 ? config.Entrypoint : null;
    expect(entrypoint(built.Config)).toEqual(entrypoint(base.Config));
    expect(built.Config.User).toBe(base.Config.User);
    expect(built.Config.WorkingDir).toBe("/opt/app");
    expect(built.Config.Env).toEqual([...base.Config.Env, `FOO=${marker}`, "BAZ=two words"]);
    expect(built.Config.Labels).toEqual({
      ...base.Config.Labels,
      team: "ml",
      "crucible.environment-hash": build.hash,
      "crucible.installation": "",
      [BUILD_LABEL]: "",
    });
  });

  it("fetches and unpacks os_packages as the job's user with no capabilities, and says why it cannot on a host without network", async () => {
    const marker = `RUN echo ${Date.now()} > /etc/os-packages-test`;
    const { runId } = await submit(`
command: jq --version && stat -c 'owner-%U mode-%a' /usr/bin/jq && echo "bin-$(readlink /bin)" && echo '{"a":[1,2]}' | jq -c .a
environment:
  os_packages: [jq]
  dockerfile_steps: ${marker}
compute: networked
`);
    const build = await buildOf(runId);
    const fetcher = await waitFor(
      "the os_packages stage container",
      async () => (await buildContainers(build.id)).find((c) => c.Names.some((n) => n.endsWith("-stage"))) ?? null,
      60_000,
      100,
    );
    const inspected = await engine.getContainer(fetcher.Id).inspect();
    expect(inspected.Config.User).toBe("1000:1000");
    expect(inspected.HostConfig.CapDrop).toEqual(["ALL"]);
    expect(inspected.HostConfig.CapAdd ?? []).toEqual([]);
    expect(inspected.HostConfig.NetworkMode).toBe("host");
    expect(inspected.Mounts).toEqual([]);

    expect(await finished(runId), (await consoleText(runId)).slice(-20).join("\n")).toBe("Completed");
    const lines = await consoleText(runId);
    expect(lines.some((l) => l.startsWith("jq-"))).toBe(true);
    // The engine gave the files their owners and modes; the image's /bin link to usr/bin survived.
    expect(lines).toEqual(expect.arrayContaining(["owner-root mode-755", "bin-usr/bin", "[1,2]"]));
    expect(lines.some((l) => /Unpacked libjq1_/.test(l))).toBe(true);

    const offline = await submit(
      `command: jq --version\nenvironment:\n  os_packages: [jq]\n  dockerfile_steps: ${marker}-offline\ncompute: offline\n`,
    );
    expect(await finished(offline.runId)).toBe("Failed");
    expect((await owner.jobs.byRun({ workspaceId, runId: offline.runId }))?.failureReason).toMatch(
      /os_packages need the network to fetch Debian packages, and this host's network mode is none/,
    );
  });

  it("says which os_packages apt cannot find", async () => {
    const { runId } = await submit(
      `command: echo never\nenvironment:\n  os_packages: [crucible-no-such-package-${Date.now()}]\ncompute: networked\n`,
    );
    expect(await finished(runId)).toBe("Failed");
    expect((await owner.jobs.byRun({ workspaceId, runId }))?.failureReason).toMatch(
      /installing os_packages exited with code 100/,
    );
    expect((await consoleText(runId)).some((l) => /Unable to locate package crucible-no-such-package/.test(l))).toBe(
      true,
    );
  });

  it("refuses a base image that declares volumes, which would give its containers mounts", async () => {
    const maker = await engine.createContainer({ Image: BASE });
    const tag = `${Date.now()}`;
    await maker.commit({
      _query: { container: maker.id, repo: "crucible-test-volume", tag, changes: ["VOLUME /data"] },
    });
    await maker.remove();
    try {
      const { runId } = await submit(
        `command: echo never\nenvironment:\n  image: crucible-test-volume:${tag}\ncompute: offline\n`,
      );
      expect(await finished(runId)).toBe("Failed");
      expect((await owner.jobs.byRun({ workspaceId, runId }))?.failureReason).toMatch(
        /declares volumes \(\/data\); containers of environments have no mounts/,
      );
    } finally {
      await engine.getImage(`crucible-test-volume:${tag}`).remove({ force: true });
    }
  });

  it("leaves no container and no intermediate image when a build is canceled", async () => {
    const marker = `cancel-${Date.now()}`;
    const { runId } = await submit(`
command: echo never
environment:
  dockerfile_steps: |
    RUN echo first > /tmp/first
    RUN echo ${marker} && sleep 600
compute: offline
`);
    await waitFor("the second step to start", async () => (await consoleText(runId)).includes(marker), 60_000);
    const build = await buildOf(runId);
    // The first step's image is there while the second runs, so its removal below is seen.
    expect(await buildImages(build.id)).toHaveLength(1);
    expect(await buildContainers(build.id)).toHaveLength(1);
    await owner.jobs.cancel({ workspaceId, runId });
    expect(await finished(runId, 30_000)).toBe("Canceled");
    await waitFor(
      "the build's containers and images to go",
      async () => (await buildContainers(build.id)).length === 0 && (await buildImages(build.id)).length === 0,
      30_000,
    );
    expect(await db().environmentBuild.findUnique({ where: { id: build.id } })).toMatchObject({ status: "Failed" });
  });

  it("sweeps away build containers and images whose build ended or outlived the build timeout, and keeps live ones", async () => {
    const installation = await installationId();
    const make = async (status: "Building" | "Failed", startedAt: Date) => {
      const build = await db().environmentBuild.create({
        data: { hash: "sweep-test", hostId: "none", status, startedAt },
      });
      const labels = { "crucible.installation": installation, [BUILD_LABEL]: build.id };
      const container = await engine.createContainer({ Image: BASE, Cmd: ["sleep", "60"], Labels: labels });
      // A step's image as a build left it: untagged, nothing made from it. The maker itself carries no
      // labels, or a worker's sweep could remove it before the commit.
      const maker = await engine.createContainer({ Image: BASE });
      const { Id } = (await maker.commit({ _query: { container: maker.id }, _body: { Labels: labels } })) as {
        Id: string;
      };
      await maker.remove();
      return { container, image: engine.getImage(Id) };
    };
    const ended = await make("Failed", new Date());
    const stale = await make("Building", new Date(Date.now() - 24 * 3600 * 1000));
    const live = await make("Building", new Date());
    try {
      // The worker's own sweep may come first; either way the ended and stale ones go and the live one stays.
      await sweepContainers();
      for (const gone of [ended, stale]) {
        await expect(gone.container.inspect()).rejects.toMatchObject({ statusCode: 404 });
        await expect(gone.image.inspect()).rejects.toMatchObject({ statusCode: 404 });
      }
      await expect(live.container.inspect()).resolves.toBeTruthy();
      await expect(live.image.inspect()).resolves.toBeTruthy();
    } finally {
      for (const { container, image } of [ended, stale, live]) {
        await container.remove({ force: true }).catch(() => undefined);
        await image.remove({ force: true }).catch(() => undefined);
      }
    }
  });

  it("refuses dockerfile_steps that need a build context when the environment is created", async () => {
    await expect(
      owner.environments.create({
        workspaceId,
        name: "with-copy",
        spec: { dockerfile_steps: "RUN true\nCOPY . /app" },
      }),
    ).rejects.toThrow(/line 2: COPY is not supported/);
    // One saved before steps were checked is refused when a job names it, with the same reason.
    const saved = await owner.environments.create({
      workspaceId,
      name: "saved-earlier",
      spec: { dockerfile_steps: "RUN true" },
    });
    await db().environmentVersion.updateMany({
      where: { environment: { workspaceId, name: "saved-earlier" }, version: saved.version },
      data: { spec: { dockerfile_steps: "ADD https://example.org/x /x" } },
    });
    await expect(submit("command: echo never\nenvironment: saved-earlier\ncompute: offline\n")).rejects.toThrow(
      /line 1: ADD is not supported/,
    );
  });
});
