import type { Socket } from "node:net";

/** Request line plus headers; a GET list with a long filter (percent-encoded, up to 9 bytes a character) fits. */
export const MAX_HEADER_BYTES = 64 * 1024;
const LINGER_MS = 5000;

/**
 * Answers a request Node's parser refused before any handler ran (headers past MAX_HEADER_BYTES, a
 * malformed request line) with a JSON error, then reads and drops what the client still sends for a
 * while: closing with its bytes unread would reset the connection before the client reads the answer.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || socket.destroyed) return void socket.destroy();
  const isTooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const status = isTooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
  const body = JSON.stringify(
    isTooLarge
      ? {
          code: "PAYLOAD_TOO_LARGE",
          message: `The request line and headers exceed ${MAX_HEADER_BYTES / 1024} KiB; send long filters in a POST body`,
        }
      : { code: "BAD_REQUEST", message: "The request is not valid HTTP/1.1" },
  );
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once("close", () => clearTimeout(timer));
  socket.on("data", () => undefined);
  socket.resume();
}
