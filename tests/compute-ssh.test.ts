import { execSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type http from "node:http";
import { Readable } from "node:stream";
import Docker from "dockerode";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import { Worker } from "../server/worker/worker";
import { callerFor, createAdmin, ownerWorkspace } from "./helpers/actors";
import { listenForScoring } from "./helpers/scoring-server";
import { isDockerAvailable } from "./helpers/docker";
import { waitFor } from "./helpers/wait-for";
import { db } from "../server/db";

const SSHD = "/usr/sbin/sshd";
const PORT = 22_220;
const canRun = (await isDockerAvailable()) && process.getuid?.() === 0 && existsSync(SSHD);
if (!canRun)
  console.warn(
    "compute-ssh.test.ts: needs a Docker engine, root and sshd (scripts/system/install-sshd.sh); skipped here, CI runs it",
  );

describe.skipIf(!canRun)("a Docker host over ssh://", () => {
  const dir = path.resolve(".crucible-test/sshd");
  let sshd: ChildProcess;

  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    mkdirSync("/run/sshd", { recursive: true });
    execSync(
      `ssh-keygen -q -t ed25519 -N '' -f ${dir}/host_key && ssh-keygen -q -t ed25519 -N '' -f ${dir}/client_key && cp ${dir}/client_key.pub ${dir}/authorized_keys`,
    );
    writeFileSync(
      `${dir}/sshd_config`,
      [
        `Port ${PORT}`,
        "ListenAddress 127.0.0.1",
        `HostKey ${dir}/host_key`,
        `AuthorizedKeysFile ${dir}/authorized_keys`,
        "PermitRootLogin prohibit-password",
        "PasswordAuthentication no",
        "UsePAM no",
        "StrictModes no",
        `PidFile ${dir}/sshd.pid`,
      ].join("\n") + "\n",
    );
    sshd = spawn(SSHD, ["-D", "-e", "-f", `${dir}/sshd_config`], { stdio: "ignore" });
    await waitFor(
      "sshd to listen",
      async () => {
        try {
          execSync(`bash -c 'exec 3<>/dev/tcp/127.0.0.1/${PORT}'`, { stdio: "ignore" });
          return true;
        } catch {
          return false;
        }
      },
      20_000,
      200,
    );
  });
  afterAll(() => {
    sshd?.kill("SIGTERM");
  });

  it("reaches the engine through ssh with a registered private key, kept sealed", async () => {
    const { workspaceId, owner } = await ownerWorkspace();
    const admin = callerFor(await createAdmin());
    const endpoint = `ssh://root@127.0.0.1:${PORT}`;
    const sshKey = readFileSync(`${dir}/client_key`, "utf8");

    // No key, no attempt: the studio's own ssh agent is never offered.
    await expect(admin.admin.testEndpoint({ endpoint })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("needs a private key"),
    });
    const otherKey = execSync(
      `ssh-keygen -q -t ed25519 -N '' -f ${dir}/other_key <<< y >/dev/null; cat ${dir}/other_key`,
      { encoding: "utf8", shell: "/bin/bash" },
    );
    expect(await admin.admin.testEndpoint({ endpoint, sshKey: otherKey })).toMatchObject({
      isOnline: false,
      error: expect.stringMatching(/^SSH authentication failed/),
    });
    const probe = await admin.admin.testEndpoint({ endpoint, sshKey });
    expect(probe, JSON.stringify(probe)).toMatchObject({
      isOnline: true,
      engineVersion: expect.stringMatching(/^\d+\./),
    });
    // The server's key as ssh-keygen prints it: shown by the test, pinned at registration.
    const fingerprint = execSync(`ssh-keygen -lf ${dir}/host_key.pub`, { encoding: "utf8" }).split(" ")[1]!;
    expect(probe.sshHostKey).toBe(fingerprint);
    const host = await admin.admin.registerHost({
      name: `over-ssh-${Date.now()}`,
      endpoint,
      sshKey,
      workspaceIds: [workspaceId],
    });
    expect(host).toMatchObject({ status: "Online", hasSshKey: true, sshHostKey: fingerprint });
    expect(JSON.stringify(await owner.compute.hosts({ workspaceId }))).not.toContain("PRIVATE KEY");
    expect(JSON.stringify(await admin.admin.hosts())).not.toContain("PRIVATE KEY");
    // Pinned: the same host keeps answering, and a host registered expecting another key is refused.
    expect(await admin.admin.testHost({ hostId: host.id })).toMatchObject({ isOnline: true });
    const impostor = await admin.admin.registerHost({
      name: `wrong-key-${Date.now()}`,
      endpoint,
      sshKey,
      sshHostKey: `SHA256:${"A".repeat(43)}`,
    });
    expect(impostor.status).toBe("Offline");
    expect(impostor.lastError).toBe("The SSH host key does not match the pinned one");
  });

  it("runs an online endpoint's instances on the ssh host: files copied in, requests through the engine", async () => {
    const { workspaceId, owner } = await ownerWorkspace();
    const admin = callerFor(await createAdmin());
    const sshHost = await admin.admin.registerHost({
      name: `endpoints-over-ssh-${Date.now()}`,
      endpoint: `ssh://root@127.0.0.1:${PORT}`,
      sshKey: readFileSync(`${dir}/client_key`, "utf8"),
      workspaceIds: [workspaceId],
    });
    const run = await owner.runs.create({ workspaceId, experimentName: "training" });
    await uploadArtifact(workspaceId, run.id, "outputs/model/weights.txt", Readable.from([Buffer.from("3")]));
    await owner.models.register({ workspaceId, name: "triple", runId: run.id, path: "outputs/model" });
    let worker = new Worker([workspaceId]);
    await worker.start();
    let server: http.Server | undefined;
    try {
      await owner.endpoints.create({ workspaceId, name: "remote" });
      const { primaryKey } = await owner.endpoints.getCredentials({ workspaceId, endpointName: "remote" });
      const probe = { period: 0.5, initial_delay: 0, timeout: 5, failure_threshold: 100 };
      await owner.endpoints.createDeployment({
        workspaceId,
        endpointName: "remote",
        name: "blue",
        model: "triple:1",
        code_configuration: {
          code: {
            "score.py": [
              "import json, os",
              "def init():",
              "    global factor",
              '    factor = int(open(os.path.join(os.environ["AZUREML_MODEL_DIR"], "weights.txt")).read())',
              "def run(raw_data):",
              '    return {"tripled": [x * factor for x in json.loads(raw_data)["data"]], "pad": "x" * 200000}',
            ].join("\n"),
          },
          scoring_script: "score.py",
        },
        request_settings: { request_timeout_ms: 30_000, max_concurrent_requests_per_instance: 4 },
        liveness_probe: probe,
        readiness_probe: probe,
      });
      await waitFor(
        "the deployment on the ssh host to be ready",
        async () => {
          const d = (await owner.endpoints.byName({ workspaceId, endpointName: "remote" })).deployments[0]!;
          if (d.state === "Failed") throw new Error(`failed: ${d.error}`);
          return d.state === "Ready" ? d : null;
        },
        120_000,
        500,
      );
      const { instances } = (await owner.endpoints.byName({ workspaceId, endpointName: "remote" })).deployments[0]!;
      expect(instances.map((i) => [i.host, i.state])).toEqual([[sshHost.name, "Ready"]]);
      ({ server } = await listenForScoring());
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const score = async (n: number) => {
        const response = await fetch(`${base}/endpoints/${workspaceId}/remote/score`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${primaryKey}`,
            "x-crucible-deployment": "blue",
          },
          body: JSON.stringify({ data: [n, n + 1] }),
        });
        return { status: response.status, body: (await response.json()) as { tripled: number[]; pad: string } };
      };
      // Several at once, and an answer larger than one read: each connection is its own relay.
      const answers = await Promise.all([1, 2, 3, 4].map(score));
      for (const [i, answer] of answers.entries()) {
        expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
        expect(answer.body.tripled).toEqual([3 * (i + 1), 3 * (i + 2)]);
        expect(answer.body.pad).toHaveLength(200_000);
      }
      // A restarted worker reaches the instance it did not start.
      await worker.stop();
      worker = new Worker([workspaceId]);
      await worker.start();
      const again = await waitFor(
        "the instance to answer after a worker restart",
        async () => {
          const answer = await score(5);
          return answer.status === 200 ? answer : null;
        },
        60_000,
        500,
      );
      expect(again.body.tripled).toEqual([15, 18]);
      // Nothing of this machine is mounted into the instance: its files were copied in.
      const instance = await db().endpointInstance.findFirstOrThrow({
        where: { deployment: { name: "blue", endpoint: { workspaceId } } },
      });
      const inspected = await new Docker({ socketPath: "/var/run/docker.sock" })
        .getContainer(instance.containerId!)
        .inspect();
      expect(inspected.HostConfig.Binds ?? []).toEqual([]);
      expect(inspected.Mounts).toEqual([]);
      expect(inspected.HostConfig.NetworkMode).toBe("none");
      await owner.endpoints.delete({ workspaceId, endpointName: "remote" });
      await waitFor(
        "the instance's container to be removed",
        async () =>
          new Docker({ socketPath: "/var/run/docker.sock" })
            .getContainer(instance.containerId!)
            .inspect()
            .then(
              () => null,
              () => true,
            ),
        60_000,
        500,
      );
    } finally {
      server?.close();
      await owner.endpoints.delete({ workspaceId, endpointName: "remote" }).catch(() => undefined);
      await worker.stop();
    }
  }, 240_000);
});
