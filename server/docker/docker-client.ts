import "server-only";
import { createHash } from "node:crypto";
import Docker from "dockerode";
import { env } from "../env";
import { openSecret } from "../secrets/secret-box";
import { parseDockerEndpoint } from "./docker-endpoint";

export type TDockerHostConnection = {
  id: string;
  endpoint: string;
  tlsCa: string | null;
  tlsCert: string | null;
  tlsKeyEncrypted: string | null;
  sshKeyEncrypted: string | null;
  sshHostKey: string | null;
  updatedAt: Date;
};

const clients = new Map<string, { version: number; docker: Docker }>();
const seenHostKeys = new Map<string, string>();

/** The ssh host key fingerprint this process last saw for a host, for pinning on first contact. */
export function seenSshHostKey(hostId: string): string | undefined {
  return seenHostKeys.get(hostId);
}

export function sshFingerprint(key: Buffer): string {
  return `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;
}

/** One client per host, rebuilt when the host's connection settings change. */
export function dockerFor(host: TDockerHostConnection): Docker {
  const version = host.updatedAt.getTime();
  const cached = clients.get(host.id);
  if (cached && cached.version === version) return cached.docker;
  const docker = createDockerClient(host, (fingerprint) => seenHostKeys.set(host.id, fingerprint));
  clients.set(host.id, { version, docker });
  return docker;
}

export function createDockerClient(host: Omit<TDockerHostConnection, "id" | "updatedAt">, onSshHostKey?: (fingerprint: string) => void): Docker {
  const endpoint = parseDockerEndpoint(host.endpoint);
  if (!endpoint) throw new Error(`Unsupported Docker endpoint ${host.endpoint}`);
  if (endpoint.kind === "unix") return new Docker({ socketPath: endpoint.socketPath });
  if (endpoint.kind === "ssh") {
    return new Docker({
      protocol: "ssh",
      host: endpoint.host,
      port: endpoint.port,
      username: endpoint.username,
      // A registered key when there is one, else the ssh agent of the process.
      sshOptions: {
        ...(host.sshKeyEncrypted ? { privateKey: openSecret(host.sshKeyEncrypted) } : { agent: env().SSH_AUTH_SOCK }),
        // Once a host key is known, any other key is refused (a changed key means another machine).
        hostVerifier: (key: Buffer) => {
          const fingerprint = sshFingerprint(key);
          onSshHostKey?.(fingerprint);
          return host.sshHostKey === null || fingerprint === host.sshHostKey;
        },
      },
    } as Docker.DockerOptions);
  }
  const hasTls = Boolean(host.tlsCert && host.tlsKeyEncrypted);
  return new Docker({
    protocol: hasTls ? "https" : "http",
    host: endpoint.host,
    port: endpoint.port,
    ...(hasTls ? { ca: host.tlsCa ?? undefined, cert: host.tlsCert ?? undefined, key: openSecret(host.tlsKeyEncrypted!) } : {}),
  });
}
