import "server-only";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { PEER_ADDRESS_HEADER } from "../auth/client-ip";
import { serveScore } from "../endpoints/serve-score";
import { bodyLimitFor, SCORE_PATH } from "./body-limits";
import { answerClientError, MAX_HEADER_BYTES } from "./client-errors";
import { errorResponse } from "./error-response";
import { matchFastRoute } from "./fast-routes";
import { lingerAfterAnswer, readRequest, sendFetchResponse } from "./node-bridge";
import { bodyTooLarge } from "./read-body";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

type TNodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The studio's HTTP server around `handleWithNext`; requests Node cannot parse get a JSON error. */
export function createStudioServer(handleWithNext: TNodeHandler): http.Server {
  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, studioRequestHandler(handleWithNext));
  server.on("clientError", answerClientError);
  return server;
}

/**
 * Every request to the studio's server: a body over its route's limit (by Content-Length) is
 * refused before any handler or authentication runs; the fast routes are answered here, with
 * their bodies read up to that limit, and online endpoints' scoring requests are proxied straight
 * from the socket; everything else goes to Next.js, whose route handlers
 * count chunked bodies against the same limits.
 */
export function studioRequestHandler(handleWithNext: TNodeHandler) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    serve(req, res, handleWithNext).catch(async (error: unknown) => {
      if (res.headersSent) return void res.destroy();
      await sendFetchResponse(errorResponse(error), res, req).catch(() => res.destroy());
    });
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, handleWithNext: TNodeHandler): Promise<void> {
  // Who is really connected, for rate limits; a value a client sent is overwritten.
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
  if (!METHODS.has(req.method ?? "")) {
    // Next.js throws on a method it cannot route (TRACE, CONNECT, WebDAV's): a 405 here instead.
    const allow = [...METHODS].join(", ");
    return sendFetchResponse(
      Response.json(
        { code: "METHOD_NOT_ALLOWED", message: `${req.method} is not supported; use ${allow}` },
        { status: 405, headers: { allow } },
      ),
      res,
      req,
    );
  }
  const pathname = (req.url ?? "/").split("?", 1)[0]!;
  const maxBytes = bodyLimitFor(pathname);
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) throw bodyTooLarge(maxBytes);
  const score = req.method === "POST" ? SCORE_PATH.exec(pathname) : null;
  if (score) return serveScore(req, res, score[1]!, score[2]!);
  const fast = matchFastRoute(req.method ?? "GET", pathname, req.headers.authorization ?? null);
  if (!fast) {
    lingerAfterAnswer(req, res);
    return handleWithNext(req, res);
  }
  const response = await fast.handle(await readRequest(req, fast.maxBodyBytes));
  await sendFetchResponse(response, res, req);
}
