import "server-only";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { openSecret } from "../secrets/secret-box";
import { createDockerClient, type TEngineConnection } from "./docker-client";
import { isLoopbackAddress, parseDockerEndpoint } from "./docker-endpoint";

export type TEngineLimits = { connectMs: number; totalMs: number; maxBytes: number };

/** A probe failure whose message is the one sentence shown to users (never the remote body). */
export class EngineProbeError extends Error {
  override name = "EngineProbeError";
}

// Every status is taken as an answer, so docker-modem never reads an error body of any size.
const ANY_STATUS = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [i + 100, true]));

/**
 * GETs a JSON document from a Docker engine with a connect timeout, `signal` for the total time,
 * and a size cap; the connection is torn down however it ends.
 */
export async function engineGet(
  conn: TEngineConnection,
  path: string,
  limits: TEngineLimits,
  signal: AbortSignal,
  onSshHostKey?: (fingerprint: string) => void,
): Promise<unknown> {
  const response = await openResponse(conn, path, limits, signal, onSshHostKey);
  try {
    if (response.statusCode !== 200)
      throw new EngineProbeError(`The engine answered ${path} with HTTP ${response.statusCode}`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limits.maxBytes)
        throw new EngineProbeError(
          `The engine's ${path} answer is larger than ${Math.round(limits.maxBytes / 1024)} KiB`,
        );
      chunks.push(chunk);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
    } catch {
      throw new EngineProbeError(`The engine's ${path} answer is not valid`);
    }
  } finally {
    response.destroy();
  }
}

function openResponse(
  conn: TEngineConnection,
  path: string,
  limits: TEngineLimits,
  signal: AbortSignal,
  onSshHostKey?: (fingerprint: string) => void,
): Promise<IncomingMessage> {
  const endpoint = parseDockerEndpoint(conn.endpoint);
  if (!endpoint) return Promise.reject(new EngineProbeError("The endpoint is not a Docker endpoint"));
  if (endpoint.kind === "ssh") {
    if (!conn.sshKeyEncrypted) return Promise.reject(new EngineProbeError("An ssh:// host needs a private key"));
    // Over ssh the modem opens its own connection; ssh2's ready timeout bounds connect and handshake.
    const docker = createDockerClient(conn, { onSshHostKey, sshReadyTimeoutMs: limits.connectMs });
    return new Promise((resolve, reject) =>
      docker.modem.dial(
        { path, method: "GET", isStream: true, statusCodes: ANY_STATUS, abortSignal: signal, options: {} },
        (error, response) => (error ? reject(error) : resolve(response as IncomingMessage)),
      ),
    );
  }
  const hasTls = endpoint.kind === "tcp" && Boolean(conn.tlsCert && conn.tlsKeyEncrypted);
  // Whatever was stored, plain HTTP never leaves the machine (see endpointRefusal).
  if (endpoint.kind === "tcp" && !hasTls && !isLoopbackAddress(endpoint.host))
    return Promise.reject(new EngineProbeError("A tcp:// host needs TLS client certificates"));
  const target =
    endpoint.kind === "unix"
      ? { socketPath: endpoint.socketPath }
      : {
          host: endpoint.host,
          port: endpoint.port,
          ...(hasTls
            ? { ca: conn.tlsCa ?? undefined, cert: conn.tlsCert!, key: openSecret(conn.tlsKeyEncrypted!) }
            : {}),
        };
  return new Promise((resolve, reject) => {
    const request = (hasTls ? https : http).request({
      ...target,
      path,
      method: "GET",
      signal,
      agent: false,
      headers: { connection: "close" },
    });
    request.on("socket", (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(
        () => request.destroy(new EngineProbeError(`Could not connect within ${limits.connectMs / 1000} s`)),
        limits.connectMs,
      );
      socket.once(hasTls ? "secureConnect" : "connect", () => clearTimeout(timer));
      socket.once("close", () => clearTimeout(timer));
    });
    request.once("response", resolve);
    request.on("error", reject);
    request.end();
  });
}
