// The studio's HTTP server, what `npm start` runs: Next.js, with the ingestion calls of SDKs and
// MLflow clients answered first (see fast-routes.ts). `npm run dev` runs plain `next dev`.
import "server-only";
import next from "next";
import { closeDb } from "../db";
import { env } from "../env";
import { createStudioServer } from "./studio-request-handler";

async function main() {
  const port = env().PORT;
  const app = next({ dev: false, dir: process.cwd(), port });
  const handleWithNext = app.getRequestHandler();
  await app.prepare();

  const server = createStudioServer(handleWithNext);
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
