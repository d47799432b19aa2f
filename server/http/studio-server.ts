// The studio's HTTP server, what `npm start` runs: Next.js, with the ingestion calls of SDKs and
// MLflow clients answered first (see fast-routes.ts). `npm run dev` runs plain `next dev`.
import "server-only";
import http from "node:http";
import next from "next";
import { PEER_ADDRESS_HEADER } from "../auth/client-ip";
import { closeDb } from "../db";
import { env } from "../env";
import { matchFastRoute } from "./fast-routes";
import { BodyTooLargeError, readRequest, sendFetchResponse } from "./node-bridge";

async function main() {
  const port = env().PORT;
  const app = next({ dev: false, dir: process.cwd(), port });
  const handleWithNext = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? "/").split("?", 1)[0]!;
    const fast = matchFastRoute(req.method ?? "GET", pathname, req.headers.authorization ?? null);
    req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
    const served = fast ? readRequest(req).then(fast).then((response) => sendFetchResponse(response, res)) : handleWithNext(req, res);
    served.catch((error: unknown) => {
      const isTooLarge = error instanceof BodyTooLargeError;
      if (!isTooLarge) console.error(error);
      if (!res.headersSent) res.writeHead(isTooLarge ? 413 : 500, { "content-type": "application/json", connection: "close" });
      res.end(JSON.stringify(isTooLarge ? { code: "PAYLOAD_TOO_LARGE", message: error.message } : { code: "INTERNAL_SERVER_ERROR", message: "Internal error" }));
    });
  });
  server.listen(port, () => console.log(`[crucible] listening on port ${port}`));

  const stop = () => {
    server.close(() => void closeDb().finally(() => process.exit(0)));
    server.closeIdleConnections();
    // Open streams (log followers) would hold the close forever.
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
