import "server-only";
import http from "node:http";

// Kept-alive connections per socket path (Node's agent keys them by it).
const agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });

export type TInstanceAnswer =
  | { kind: "answer"; status: number; contentType: string; body: Buffer }
  | { kind: "unreachable"; message: string }
  | { kind: "timeout" };

/**
 * POSTs a body to an instance's `/score` over its unix socket. `unreachable`: no answer came (no
 * socket, refused, or a kept-alive connection the instance closed as it was drained), so another
 * instance may take it: scoring requests are taken to be safe to send twice.
 */
export function proxyToInstance(
  socketPath: string,
  body: Buffer,
  contentType: string,
  timeoutMs: number,
): Promise<TInstanceAnswer> {
  return new Promise((resolve) => {
    let isDone = false;
    const finish = (answer: TInstanceAnswer) => {
      if (isDone) return;
      isDone = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const req = http.request(
      {
        socketPath,
        path: "/score",
        method: "POST",
        agent,
        headers: { "content-type": contentType, "content-length": body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          finish({
            kind: "answer",
            status: res.statusCode ?? 502,
            contentType: res.headers["content-type"] ?? "application/json",
            body: Buffer.concat(chunks),
          }),
        );
        res.on("error", (error) => finish({ kind: "unreachable", message: error.message }));
      },
    );
    const timer = setTimeout(() => {
      finish({ kind: "timeout" });
      req.destroy();
    }, timeoutMs);
    req.on("error", (error) => finish({ kind: "unreachable", message: error.message }));
    req.end(body);
  });
}
