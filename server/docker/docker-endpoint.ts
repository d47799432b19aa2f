import { isIP } from "node:net";
import { z } from "zod";

// Where a Docker engine listens, as users write it: unix:///var/run/docker.sock,
// tcp://host:2376 (with TLS client certificates) or ssh://user@host[:port] (with a private key).
export const ZDockerEndpoint = z
  .string()
  .trim()
  .max(500)
  .refine((value) => parseDockerEndpoint(value) !== null, {
    message: "Use unix:///path/to/docker.sock, tcp://host:port or ssh://user@host[:port]",
  });

export type TDockerEndpoint =
  | { kind: "unix"; socketPath: string }
  | { kind: "tcp"; host: string; port: number }
  | { kind: "ssh"; host: string; port: number; username?: string };

export function parseDockerEndpoint(value: string): TDockerEndpoint | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol === "unix:") return url.pathname.length > 1 ? { kind: "unix", socketPath: url.pathname } : null;
  if (!url.hostname) return null;
  // IPv6 literals come bracketed from URL ("[::1]"); sockets want them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (url.protocol === "tcp:") return { kind: "tcp", host, port: Number(url.port || 2375) };
  if (url.protocol === "ssh:")
    return { kind: "ssh", host, port: Number(url.port || 22), username: url.username || undefined };
  return null;
}

/** 127.0.0.0/8 or ::1, written as an address: a name could resolve anywhere. */
export function isLoopbackAddress(host: string): boolean {
  if (isIP(host) === 4) return host.split(".")[0] === "127";
  if (isIP(host) === 6) return /^(0{0,4}:){2,7}0{0,3}1$/.test(host) || host === "::1";
  return false;
}

export type TEndpointCaller = { isAdmin: boolean };
export type TEndpointCredentials = { hasTls: boolean; hasSshKey: boolean };
export type TEndpointPolicy = { allowPlainTcpLoopback: boolean };

/**
 * Why this caller may not use this endpoint with these credentials, or null when they may. A
 * unix socket is the studio machine's own engine (root on it), plain tcp:// is unauthenticated
 * and unencrypted, and ssh:// must never borrow the server's own ssh identity.
 */
export function endpointRefusal(
  endpoint: TDockerEndpoint,
  credentials: TEndpointCredentials,
  caller: TEndpointCaller,
  policy: TEndpointPolicy,
): string | null {
  if (endpoint.kind === "unix") return caller.isAdmin ? null : "Only a site administrator can use a unix:// socket";
  if (endpoint.kind === "ssh")
    return credentials.hasSshKey
      ? null
      : "An ssh:// endpoint needs a private key (the studio's own ssh agent is never used)";
  if (credentials.hasTls) return null;
  if (policy.allowPlainTcpLoopback && isLoopbackAddress(endpoint.host)) return null;
  return isLoopbackAddress(endpoint.host)
    ? "A tcp:// endpoint needs TLS client certificates (an admin setting allows plain TCP on loopback addresses)"
    : "A tcp:// endpoint needs TLS client certificates";
}
