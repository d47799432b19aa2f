import type { IncomingMessage, ServerResponse } from "node:http";

// The fast routes take and give small JSON documents (a 1,000-point batch is ~80 KB), so bodies are
// read whole: web streams cost more than the rest of such a request.
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

/** A request with its body read whole: all the fast routes need, without a fetch Request's cost. */
export type TBufferedRequest = { method: string; url: string; headers: Headers; body: Buffer<ArrayBuffer> };

/** Reads a node request whole (up to 32 MB). */
export async function readRequest(req: IncomingMessage): Promise<TBufferedRequest> {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`The request body is over ${MAX_BODY_BYTES / 1024 / 1024} MB`);
    chunks.push(chunk);
  }
  const method = req.method ?? "GET";
  return { method, url: `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, headers, body: Buffer.concat(chunks) };
}

/** The same request as a fetch Request, for handlers written against fetch. */
export function toFetchRequest({ method, url, headers, body }: TBufferedRequest): Request {
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(url, { method, headers, body: hasBody ? body : undefined });
}

/** Writes a fetch Response to a node response. */
export async function sendFetchResponse(response: Response, res: ServerResponse): Promise<void> {
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
}
