import type { IncomingMessage, ServerResponse } from "node:http";
import { bodyTooLarge } from "./read-body";

/** A request with its body read whole: all the fast routes need, without a fetch Request's cost. */
export type TBufferedRequest = { method: string; url: string; headers: Headers; body: Buffer<ArrayBuffer> };

/**
 * Reads a node request whole: the fast routes take and give small JSON documents (a 1,000-point
 * batch is ~80 KB), and web streams cost more than the rest of such a request. Past `maxBytes`
 * it stops reading and rejects, leaving the socket open for the 413; null reads nothing.
 */
export async function readRequest(req: IncomingMessage, maxBytes: number | null): Promise<TBufferedRequest> {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? "GET";
  const body = maxBytes === null ? Buffer.alloc(0) : await readNodeBody(req, maxBytes);
  return { method, url: `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, headers, body };
}

/** The body of a node request, refused past `maxBytes` with the socket left open for the 413. */
export function readNodeBody(req: IncomingMessage, maxBytes: number): Promise<Buffer<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    // Listeners rather than `for await`: leaving that loop early destroys the socket, and with it the answer.
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      stop();
      req.pause();
      reject(bodyTooLarge(maxBytes));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/** The same request as a fetch Request, for handlers written against fetch. */
export function toFetchRequest({ method, url, headers, body }: TBufferedRequest): Request {
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(url, { method, headers, body: hasBody ? body : undefined });
}

// How long, and how much, of a refused request's body is read and thrown away after the answer.
const LINGER_MS = 5000;
const LINGER_BYTES = 64 * 1024 * 1024;

/**
 * Writes a fetch Response to a node response. When the request was not read to its end (a 413,
 * a 401 before the body), the rest of its body is read and thrown away for a while, so the client
 * gets to read the answer instead of a reset connection; past a few seconds or many MiB, the
 * connection is closed.
 */
export async function sendFetchResponse(response: Response, res: ServerResponse, req?: IncomingMessage): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  const body = Buffer.from(await response.arrayBuffer());
  headers["content-length"] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
  if (req && !req.complete) linger(req);
}

/**
 * The same care for an answer Next.js writes: once it is sent, whatever the handler left unread
 * of the request is read and thrown away for a while (see sendFetchResponse).
 */
export function lingerAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  res.once("finish", () => {
    if (!req.complete) linger(req);
  });
}

// A refused request is never answered with `Connection: close`: Node would then destroy the socket
// at once, and the client, still sending, could get a reset before it reads the answer.
function linger(req: IncomingMessage): void {
  // The handler is done with the body; its readers (Next.js's is a stream nobody pulls) would only buffer it.
  req.removeAllListeners("readable");
  req.removeAllListeners("data");
  let seen = 0;
  const close = () => req.socket.destroy();
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > LINGER_BYTES) close();
  });
  // Read to its end in time: the connection is as good as any other and stays open for the next request.
  req.on("end", () => clearTimeout(timer));
  req.socket.once("close", () => clearTimeout(timer));
  req.resume();
}
