import { execSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Docker from "dockerode";
import { callerFor, createAdmin, ownerWorkspace } from "./helpers/actors";
import { isDockerAvailable } from "./helpers/docker";
import { checkRemoteEndpoint } from "./helpers/remote-endpoint";
import { waitFor } from "./helpers/wait-for";

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
    await checkRemoteEndpoint(owner, workspaceId, sshHost.name, new Docker({ socketPath: "/var/run/docker.sock" }));
  }, 240_000);
});
