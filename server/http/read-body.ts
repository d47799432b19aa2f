import { Readable } from "node:stream";
import { AppError } from "../errors";
import { bodyLimitFor, describeBytes } from "./body-limits";

export function bodyTooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is over ${describeBytes(maxBytes)}`);
}

/** Refuses at once a request whose Content-Length is over `maxBytes`, before anything is read. */
export function checkContentLength(headers: Headers, maxBytes: number): void {
  const length = Number(headers.get("content-length") ?? 0);
  if (length > maxBytes) throw bodyTooLarge(maxBytes);
}

/** The most `req` may send: its route's limit (see body-limits.ts). */
export function bodyLimitOf(req: { url: string }): number {
  return bodyLimitFor(new URL(req.url).pathname);
}

/** The chunks of `body`, failing once more than `maxBytes` have come; the rest is never read. */
async function* limitedChunks(body: ReadableStream<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
      if (size > maxBytes) throw bodyTooLarge(maxBytes);
      yield value;
    }
  } finally {
    // Released, not canceled: canceling would destroy the socket before the 413 is sent.
    reader.releaseLock();
  }
}

/**
 * A fetch Request's body, read whole but never past `maxBytes`: a larger Content-Length is
 * refused before reading, and a chunked body is counted as it arrives and cut off there.
 */
export async function readBody(req: Request, maxBytes = bodyLimitOf(req)): Promise<Buffer<ArrayBuffer>> {
  checkContentLength(req.headers, maxBytes);
  if (!req.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  for await (const chunk of limitedChunks(req.body, maxBytes)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** `readBody` as text. */
export async function readBodyText(req: Request, maxBytes = bodyLimitOf(req)): Promise<string> {
  return (await readBody(req, maxBytes)).toString("utf8");
}

/**
 * An upload's body as a node stream for the artifact store, which writes it to a temp file: it
 * errors once more than `maxBytes` have passed, and the store then removes what it wrote.
 */
export function readBodyStream(req: Request, maxBytes = bodyLimitOf(req)): Readable {
  checkContentLength(req.headers, maxBytes);
  if (!req.body) throw new AppError("BAD_REQUEST", "Request body is empty");
  return Readable.from(limitedChunks(req.body, maxBytes), { objectMode: false });
}
