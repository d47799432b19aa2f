import "server-only";
import { createHash } from "node:crypto";
import Docker from "dockerode";
import { openSecret } from "../secrets/secret-box";
import { isLoopbackAddress, parseDockerEndpoint } from "./docker-endpoint";

/** An engine's address and credentials, as stored (keys sealed); `id`/`updatedAt` only once registered. */
export type TEngineConnection = {
  endpoint: string;
  tlsCa: string | null;
  tlsCert: string | null;
  tlsKeyEncrypted: string | null;
  sshKeyEncrypted: string | null;
  sshHostKey: string | null;
};
export type TDockerHostConnection = TEngineConnection & { id: string; updatedAt: Date };

const clients = new Map<string, { version: number; docker: Docker }>();

export function sshFingerprint(key: Buffer): string {
  return `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;
}

/** One client per host, rebuilt when the host's connection settings change. */
export function dockerFor(host: TDockerHostConnection): Docker {
  const version = host.updatedAt.getTime();
  const cached = clients.get(host.id);
  if (cached && cached.version === version) return cached.docker;
  const docker = createDockerClient(host);
  clients.set(host.id, { version, docker });
  return docker;
}

export type TDockerClientOptions = {
  /** Told the ssh server's key fingerprint on every ssh connection, accepted or not. */
  onSshHostKey?: (fingerprint: string) => void;
  /** ssh: how long the connection and handshake may take. */
  sshReadyTimeoutMs?: number;
};

export function createDockerClient(host: TEngineConnection, options: TDockerClientOptions = {}): Docker {
  const endpoint = parseDockerEndpoint(host.endpoint);
  if (!endpoint) throw new Error(`Unsupported Docker endpoint ${host.endpoint}`);
  if (endpoint.kind === "unix") return new Docker({ socketPath: endpoint.socketPath });
  if (endpoint.kind === "ssh") {
    // Only the key registered with the host: the studio's own ssh agent would lend its identity.
    if (!host.sshKeyEncrypted) throw new Error("An ssh:// host needs a private key");
    return new Docker({
      protocol: "ssh",
      host: endpoint.host,
      port: endpoint.port,
      username: endpoint.username,
      sshOptions: {
        privateKey: openSecret(host.sshKeyEncrypted),
        agent: undefined,
        ...(options.sshReadyTimeoutMs ? { readyTimeout: options.sshReadyTimeoutMs } : {}),
        // Once a host key is known, any other key is refused (a changed key means another machine).
        hostVerifier: (key: Buffer) => {
          const fingerprint = sshFingerprint(key);
          options.onSshHostKey?.(fingerprint);
          return host.sshHostKey === null || fingerprint === host.sshHostKey;
        },
      },
    } as Docker.DockerOptions);
  }
  const hasTls = Boolean(host.tlsCert && host.tlsKeyEncrypted);
  // Plain HTTP gives anyone on the path the engine (root on its machine): loopback only, whatever was stored.
  if (!hasTls && !isLoopbackAddress(endpoint.host)) throw new Error("A tcp:// host needs TLS client certificates");
  return new Docker({
    protocol: hasTls ? "https" : "http",
    host: endpoint.host,
    port: endpoint.port,
    ...(hasTls
      ? { ca: host.tlsCa ?? undefined, cert: host.tlsCert ?? undefined, key: openSecret(host.tlsKeyEncrypted!) }
      : {}),
  });
}
