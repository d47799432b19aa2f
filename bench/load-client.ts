import http from "node:http";

/** Past this a call has hung, and the benchmark stops rather than wait on it. */
const REQUEST_TIMEOUT_MS = 120_000;

/**
 * A keep-alive node:http client for load generation, one socket per simulated client. fetch spends
 * about as much CPU per call as the server does, and on two shared cores that is taken from the
 * server under test (k6, behind the MLflow figures, is a compiled load generator).
 * Resolves with the body of a 200 answer; a GET sends no body.
 */
export function loadClient(baseUrl: string, token: string | null, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(baseUrl);
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return (method: string, path: string, body?: unknown): Promise<string> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
      const headers = payload
        ? { "content-type": "application/json", "content-length": payload.length, ...auth }
        : auth;
      const req = http.request({ agent, hostname, port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode === 200) resolve(text);
          else reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 500)}`));
        });
      });
      req.setTimeout(REQUEST_TIMEOUT_MS, () =>
        req.destroy(new Error(`${method} ${path}: no answer in ${REQUEST_TIMEOUT_MS / 1000} s`)),
      );
      req.on("error", reject);
      req.end(payload ?? undefined);
    });
}

export type TLoadClient = ReturnType<typeof loadClient>;
