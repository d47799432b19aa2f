import http from "node:http";

/**
 * A keep-alive node:http client for load generation, one socket per simulated client. fetch spends
 * about as much CPU per call as the server does, and on two shared cores that is taken from the
 * server under test (k6, behind the MLflow figures, is a compiled load generator).
 */
export function loadClient(baseUrl: string, token: string, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(baseUrl);
  return (method: string, path: string, body: unknown): Promise<void> =>
    new Promise((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify(body));
      const req = http.request(
        { agent, hostname, port, method, path, headers: { "content-type": "application/json", "content-length": payload.length, authorization: `Bearer ${token}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`${method} ${path}: ${res.statusCode} ${Buffer.concat(chunks).toString()}`))));
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
}
