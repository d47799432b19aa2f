import path from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { openSecret } from "../server/secrets/secret-box";
import { startSecondDockerd } from "../scripts/second-dockerd";
import { callerFor, createAdmin, ownerWorkspace } from "./helpers/actors";
import { isDockerAvailable } from "./helpers/docker";
import { makeTlsCertificates } from "./helpers/tls-certs";
import { checkRemoteEndpoint } from "./helpers/remote-endpoint";

const canRun = (await isDockerAvailable()) && process.getuid?.() === 0;
if (!canRun)
  console.warn(
    "compute-tls.test.ts: needs a Docker engine and root (to start a TLS dockerd); skipped here, CI runs it",
  );

const PORT = 23_761;

describe.skipIf(!canRun)("a Docker host over tcp:// with TLS client certificates", () => {
  let engine: Awaited<ReturnType<typeof startSecondDockerd>>;
  let certs: ReturnType<typeof makeTlsCertificates>;
  const dir = path.resolve(".crucible-test/dockerd-tls");

  beforeAll(async () => {
    certs = makeTlsCertificates(`${dir}-certs`);
    // With the base image: an endpoint's instance runs on it.
    engine = await startSecondDockerd(dir, { tls: { port: PORT, ...certs.server } });
  }, 240_000);
  afterAll(async () => {
    await engine?.stop();
  });

  it("connects with the client certificate, stores the key encrypted and never returns it", async () => {
    const { workspaceId, owner } = await ownerWorkspace();
    const admin = callerFor(await createAdmin());
    const endpoint = `tcp://127.0.0.1:${PORT}`;

    // Without certificates an engine is refused before anything is sent. Off loopback, so the
    // admin setting for plain TCP on loopback (another test file turns it on and off) has no say.
    await expect(admin.admin.testEndpoint({ endpoint: `tcp://192.0.2.10:${PORT}` })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("needs TLS"),
    });
    const wrongCert = await admin.admin.testEndpoint({
      endpoint,
      tls: { cert: certs.client.cert, key: certs.client.key },
    });
    expect(wrongCert).toEqual({ isOnline: false, error: "TLS handshake failed (check the certificates)" });
    const probe = await admin.admin.testEndpoint({ endpoint, tls: certs.client });
    expect(probe).toMatchObject({ isOnline: true, engineVersion: expect.stringMatching(/^\d+\./) });

    const host = await admin.admin.registerHost({
      name: `tls-host-${Date.now()}`,
      endpoint,
      tls: certs.client,
      workspaceIds: [workspaceId],
    });
    expect(host).toMatchObject({ status: "Online", hasTls: true });
    expect(JSON.stringify(host)).not.toContain("PRIVATE KEY");
    const row = await db().computeHost.findUniqueOrThrow({ where: { id: host.id } });
    expect(row.tlsKeyEncrypted).not.toContain("PRIVATE KEY");
    expect(openSecret(row.tlsKeyEncrypted!)).toBe(certs.client.key);
    expect(JSON.stringify(await owner.compute.hosts({ workspaceId }))).not.toContain("PRIVATE KEY");
  });

  it("runs an online endpoint's instances on the TLS engine: files copied in, requests through the engine", async () => {
    const { workspaceId, owner } = await ownerWorkspace();
    const admin = callerFor(await createAdmin());
    const host = await admin.admin.registerHost({
      name: `endpoints-over-tls-${Date.now()}`,
      endpoint: `tcp://127.0.0.1:${PORT}`,
      tls: certs.client,
      workspaceIds: [workspaceId],
    });
    const direct = new Docker({ socketPath: engine.endpoint.replace(/^unix:\/\//, "") });
    await checkRemoteEndpoint(owner, workspaceId, host.name, direct);
  }, 240_000);
});
