import { createServer, type Server } from "node:http";
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from "node:net";
import { readdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { heartbeatHosts } from "../server/services/compute/heartbeat-hosts";
import { Worker } from "../server/worker/worker";
import { callerFor, createAdmin, ownerWorkspace, sharedHost } from "./helpers/actors";
import { isDockerAvailable, LOCAL_DOCKER } from "./helpers/docker";
import { waitFor } from "./helpers/wait-for";

const hasDocker = await isDockerAvailable();
if (!hasDocker)
  console.warn("host-probes.test.ts: no Docker engine answers, so the job on the good host is skipped (CI runs it)");

/** An "engine" that answers /version and /info with the wrong types, and anything else with a body it must not leak. */
function startStubEngine(): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url?.startsWith("/version")) return void res.end(JSON.stringify({ Version: "24.0.0" }));
    if (req.url?.startsWith("/info")) return void res.end(JSON.stringify({ MemTotal: "x", NCPU: 1.5 }));
    res.statusCode = 500;
    res.end("internal-secret-body");
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Accepts connections, reads what comes and never answers; it reads so it sees the probe hang up. */
function startTarpit(): Promise<{ server: TcpServer; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.resume();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, sockets })));
}

const port = (server: Server | TcpServer) => (server.address() as AddressInfo).port;
const openFds = () => readdirSync("/proc/self/fd").length;

describe("hosts that answer badly, or not at all", () => {
  let stub: Server;
  let tarpit: Awaited<ReturnType<typeof startTarpit>>;
  let admin: ReturnType<typeof callerFor>;
  let badWorkspace: string;

  beforeAll(async () => {
    stub = await startStubEngine();
    tarpit = await startTarpit();
    admin = callerFor(await createAdmin());
    badWorkspace = (await ownerWorkspace()).workspaceId;
  });
  afterAll(async () => {
    await admin.admin.updateSettings({ allowPlainTcpLoopback: false });
    for (const socket of tarpit.sockets) socket.destroy();
    await new Promise((r) => tarpit.server.close(r));
    await new Promise((r) => stub.close(r));
  });

  it("refuses plain tcp:// unless the admin setting allows it on loopback, and never off loopback", async () => {
    await admin.admin.updateSettings({ allowPlainTcpLoopback: false });
    await expect(admin.admin.testEndpoint({ endpoint: `tcp://127.0.0.1:${port(stub)}` })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("admin setting"),
    });
    await admin.admin.updateSettings({ allowPlainTcpLoopback: true });
    for (const endpoint of ["tcp://169.254.169.254:80", "tcp://10.0.0.7:9200", "tcp://localhost:2375"]) {
      await expect(admin.admin.registerHost({ name: `nope-${Date.now()}`, endpoint })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining("needs TLS"),
      });
    }
    await expect(
      admin.admin.registerHost({ name: `nope-${Date.now()}`, endpoint: "ssh://deploy@build-box.internal" }),
    ).rejects.toMatchObject({ message: expect.stringContaining("private key") });
  });

  it("stores one sentence saying what failed, never the remote body", async () => {
    await admin.admin.updateSettings({ allowPlainTcpLoopback: true });
    const bad = await admin.admin.registerHost({
      name: `bad-types-${Date.now()}`,
      endpoint: `tcp://127.0.0.1:${port(stub)}`,
      workspaceIds: [badWorkspace],
    });
    expect(bad).toMatchObject({
      status: "Offline",
      lastError: "The engine's /info answer is not valid",
      capacity: { cpus: null, memoryBytes: null },
    });
    const refused = await admin.admin.testEndpoint({ endpoint: "tcp://127.0.0.1:1" });
    expect(refused).toEqual({ isOnline: false, error: "Connection refused" });
    expect(await admin.admin.testEndpoint({ endpoint: "unix:///nonexistent/docker.sock" })).toEqual({
      isOnline: false,
      error: "No Docker socket at that path",
    });
    const started = Date.now();
    const silent = await admin.admin.registerHost({
      name: `tarpit-${Date.now()}`,
      endpoint: `tcp://127.0.0.1:${port(tarpit.server)}`,
      workspaceIds: [badWorkspace],
    });
    expect(silent).toMatchObject({ status: "Offline", lastError: "No answer within 5 s" });
    expect(Date.now() - started).toBeLessThan(8000);
    const events = await admin.admin.audit({ limit: 20 });
    expect(JSON.stringify(events)).not.toContain("internal-secret-body");
  }, 20_000);

  it("keeps the worker up, other hosts' jobs running, and the open files flat over many heartbeats", async () => {
    const good = await ownerWorkspace();
    if (hasDocker) await sharedHost(good.owner, good.workspaceId, { name: "good", endpoint: LOCAL_DOCKER });
    const worker = new Worker([badWorkspace, good.workspaceId]);
    await expect(worker.start()).resolves.toBeUndefined();
    try {
      if (hasDocker) {
        const { runId } = await good.owner.jobs.submit({
          workspaceId: good.workspaceId,
          yaml: "command: echo fine\nenvironment: crucible-sklearn\ncompute: good\n",
        });
        await waitFor(
          "the job on the good host to complete",
          async () => (await db().run.findUnique({ where: { id: runId } }))?.status === "Completed",
          90_000,
        );
      }
      const limits = { connectMs: 200, totalMs: 300, maxBytes: 64 * 1024 };
      await heartbeatHosts([badWorkspace], limits);
      const before = openFds();
      for (let i = 0; i < 50; i++) await heartbeatHosts([badWorkspace], limits);
      // Closed sockets leave the table as the event loop turns; a leak would add two per round (100
      // in all), while the running worker's own connections (pool, engines, listeners, the endpoint
      // reconciler's probes) come and go.
      await new Promise((r) => setTimeout(r, 200));
      expect(openFds() - before).toBeLessThanOrEqual(40);
      expect(tarpit.sockets.size).toBeLessThanOrEqual(2);
      const hosts = await db().computeHost.findMany({ where: { shares: { some: { workspaceId: badWorkspace } } } });
      expect(hosts.map((h) => h.lastError).sort()).toEqual([
        "No answer within 0.3 s",
        "The engine's /info answer is not valid",
      ]);
    } finally {
      await worker.stop();
    }
  }, 150_000);
});
