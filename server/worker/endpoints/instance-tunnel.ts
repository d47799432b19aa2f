import "server-only";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { PassThrough, Writable, type Duplex } from "node:stream";
import type Docker from "dockerode";
import { JOB_USER } from "../container-config";
import { socketDirFor } from "./instance-paths";

/** Where an instance on another machine's engine has the relay script (instance-relay.py). */
export const RELAY_PATH = "/crucible/server/instance-relay.py";

const tunnels = new Map<string, net.Server>();

/**
 * Whether the engine runs on this machine, reached through its unix socket: its instances then
 * create their sockets in a folder of this machine, mounted into them.
 */
export function isLocalEngine(docker: Docker): boolean {
  return Boolean((docker.modem as { socketPath?: unknown }).socketPath);
}

/**
 * A socket on this machine, where a local instance's socket would be, that carries each connection
 * to the scoring server of an instance on another machine: one `docker exec` of the relay script
 * per connection, through the engine's own (TLS or ssh) connection. So the router and the probes
 * reach every instance the same way. It lives as long as this process; the reconciler reopens it
 * after a restart.
 */
export async function openInstanceTunnel(docker: Docker, instanceId: string, containerId: string): Promise<void> {
  if (tunnels.has(instanceId)) return;
  const socketDir = socketDirFor(instanceId);
  const server = net.createServer((client) => relay(docker, containerId, client));
  tunnels.set(instanceId, server);
  try {
    await fs.rm(socketDir, { recursive: true, force: true });
    await fs.mkdir(socketDir, { recursive: true, mode: 0o700 });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(path.join(socketDir, "score.sock"), () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    tunnels.delete(instanceId);
    server.close();
    throw error;
  }
}

export function hasInstanceTunnel(instanceId: string): boolean {
  return tunnels.has(instanceId);
}

/** Stops taking connections for the instance; those open end with its container. */
export function closeInstanceTunnel(instanceId: string): void {
  tunnels.get(instanceId)?.close();
  tunnels.delete(instanceId);
}

/** Closes the tunnels of instances not in `liveIds` (removed by another path: a deleted endpoint, a sweep). */
export function closeInstanceTunnelsExcept(liveIds: Set<string>): void {
  for (const id of [...tunnels.keys()]) {
    if (liveIds.has(id)) continue;
    closeInstanceTunnel(id);
    void fs.rm(socketDirFor(id), { recursive: true, force: true }).catch(() => undefined);
  }
}

function relay(docker: Docker, containerId: string, client: net.Socket): void {
  client.pause();
  let stream: Duplex | null = null;
  client.on("error", () => stream?.destroy());
  client.on("close", () => stream?.destroy());
  void (async () => {
    const exec = await docker.getContainer(containerId).exec({
      Cmd: ["python3", RELAY_PATH],
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      User: JOB_USER,
    });
    stream = (await exec.start({ hijack: true, stdin: true })) as Duplex;
    if (client.destroyed) return void stream.destroy();
    // Without a terminal the engine frames stdout and stderr; the relay's stderr says only why it could not connect.
    const stdout = new PassThrough();
    const ignored = new Writable({ write: (_chunk, _encoding, done) => done() });
    docker.modem.demuxStream(stream, stdout, ignored);
    stream.on("end", () => stdout.end());
    stream.on("error", () => client.destroy());
    stdout.pipe(client);
    client.pipe(stream);
    client.resume();
  })().catch(() => client.destroy());
}
