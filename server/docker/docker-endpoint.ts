import { z } from "zod";

// Where a Docker engine listens, as users write it: unix:///var/run/docker.sock,
// tcp://host:2376 (TLS when the host has client certificates) or ssh://user@host[:port].
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
  if (url.protocol === "tcp:") return { kind: "tcp", host: url.hostname, port: Number(url.port || 2375) };
  if (url.protocol === "ssh:") return { kind: "ssh", host: url.hostname, port: Number(url.port || 22), username: url.username || undefined };
  return null;
}
