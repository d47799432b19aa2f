import "server-only";
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
  updatedAt: Date;
};

const clients = new Map<string, { version: number; docker: Docker }>();

/** One client per host, rebuilt when the host's connection settings change. */
export function dockerFor(host: TDockerHostConnection): Docker {
  const version = host.updatedAt.getTime();
  const cached = clients.get(host.id);
  if (cached && cached.version === version) return cached.docker;
  const docker = createDockerClient(host);
  clients.set(host.id, { version, docker });
  return docker;
}

export function createDockerClient(host: Omit<TDockerHostConnection, "id" | "updatedAt">): Docker {
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
      sshOptions: host.sshKeyEncrypted ? { privateKey: openSecret(host.sshKeyEncrypted) } : { agent: env().SSH_AUTH_SOCK },
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
