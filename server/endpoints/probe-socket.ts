import "server-only";
import http from "node:http";

export type TProbeResult = { isOk: boolean; detail: string };

/** One GET to a scoring server's socket; never throws: a refused, slow or failing answer is a failed probe. */
export function probeSocket(socketPath: string, urlPath: string, timeoutMs: number): Promise<TProbeResult> {
  return new Promise((resolve) => {
    const req = http.request({ socketPath, path: urlPath, method: "GET", agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8").slice(0, 2000);
        resolve({ isOk: res.statusCode === 200, detail: `${res.statusCode}: ${describeBody(body)}` });
      });
      res.on("error", (error) => resolve({ isOk: false, detail: error.message }));
    });
    req.on("timeout", () => {
      req.destroy();
      resolve({ isOk: false, detail: `no answer within ${timeoutMs} ms` });
    });
    req.on("error", (error: NodeJS.ErrnoException) =>
      resolve({
        isOk: false,
        detail: error.code === "ENOENT" ? "the scoring server is not listening yet" : error.message,
      }),
    );
    req.end();
  });
}

function describeBody(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; status?: unknown };
    return String(parsed.error ?? parsed.status ?? body);
  } catch {
    return body;
  }
}
