import type { AddressInfo } from "node:net";
import { createStudioServer } from "../../server/http/studio-request-handler";

/** The studio's server on a free loopback port, for scoring requests; anything Next.js would serve is a 404. */
export async function listenForScoring() {
  const server = createStudioServer(async (_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
