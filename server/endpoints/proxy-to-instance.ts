import "server-only";
import net from "node:net";

export type TInstanceAnswer =
  | { kind: "answer"; status: number; contentType: string; body: Buffer }
  | { kind: "unreachable"; message: string }
  | { kind: "timeout" };

// Idle kept-alive connections per instance socket; past this many, a finished one is closed.
const MAX_IDLE_PER_SOCKET = 64;
// An answer's head past this size is not our scoring server's.
const MAX_HEAD_BYTES = 64 * 1024;
const idle = new Map<string, net.Socket[]>();

/**
 * POSTs a body to an instance's `/score` over its unix socket. `unreachable`: no answer came (no
 * socket, refused, or a kept-alive connection the instance closed as it was drained), so another
 * instance may take it: scoring requests are taken to be safe to send twice.
 *
 * A bare HTTP/1.1 exchange rather than Node's http client: the scoring server is Crucible's own and
 * always answers with a Content-Length, and the client's agent and parser were most of the
 * router's time per request.
 */
export function proxyToInstance(
  socketPath: string,
  body: Buffer,
  contentType: string,
  timeoutMs: number,
): Promise<TInstanceAnswer> {
  return new Promise((resolve) => {
    const socket = takeIdle(socketPath) ?? net.connect({ path: socketPath });
    const chunks: Buffer[] = [];
    let received = 0;
    let head: { status: number; contentType: string; length: number; isClosing: boolean; bodyStart: number } | null =
      null;
    let isDone = false;

    const finish = (answer: TInstanceAnswer, isReusable: boolean) => {
      if (isDone) return;
      isDone = true;
      clearTimeout(timer);
      socket.off("data", onData);
      socket.off("error", onError);
      socket.off("close", onClose);
      if (isReusable) putIdle(socketPath, socket);
      else socket.destroy();
      resolve(answer);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (!head) {
        const all = chunks.length === 1 ? chunk : Buffer.concat(chunks);
        const end = all.indexOf("\r\n\r\n");
        if (end < 0) {
          if (received > MAX_HEAD_BYTES) finish({ kind: "unreachable", message: "an answer head too large" }, false);
          return;
        }
        head = parseHead(all.subarray(0, end).toString("latin1"), end + 4);
        if (!head) return finish({ kind: "unreachable", message: "an answer that is not HTTP/1.1" }, false);
        chunks.length = 0;
        chunks.push(all);
      }
      if (head.length >= 0 && received >= head.bodyStart + head.length) {
        const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        const answerBody = Buffer.from(all.subarray(head.bodyStart, head.bodyStart + head.length));
        const isReusable = !head.isClosing && received === head.bodyStart + head.length;
        finish({ kind: "answer", status: head.status, contentType: head.contentType, body: answerBody }, isReusable);
      }
    };
    const onError = (error: Error) => finish({ kind: "unreachable", message: error.message }, false);
    const onClose = () => {
      // An answer without a Content-Length ends with the connection.
      if (head && head.length < 0) {
        const all = Buffer.concat(chunks);
        return finish(
          { kind: "answer", status: head.status, contentType: head.contentType, body: all.subarray(head.bodyStart) },
          false,
        );
      }
      finish({ kind: "unreachable", message: "the instance closed the connection" }, false);
    };
    const timer = setTimeout(() => finish({ kind: "timeout" }, false), timeoutMs);
    socket.on("data", onData);
    socket.on("error", onError);
    socket.on("close", onClose);
    socket.write(
      Buffer.concat([
        Buffer.from(
          `POST /score HTTP/1.1\r\nHost: instance\r\nContent-Type: ${contentType.replace(/[\r\n]/g, "")}\r\nContent-Length: ${body.length}\r\n\r\n`,
          "latin1",
        ),
        body,
      ]),
    );
  });
}

function parseHead(
  text: string,
  bodyStart: number,
): { status: number; contentType: string; length: number; isClosing: boolean; bodyStart: number } | null {
  const lines = text.split("\r\n");
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? "");
  if (!status) return null;
  let contentType = "application/json";
  let length = -1;
  let isClosing = lines[0]!.startsWith("HTTP/1.0");
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-length") length = Number(value);
    else if (name === "content-type") contentType = value;
    else if (name === "connection") isClosing = value.toLowerCase() === "close";
    else if (name === "transfer-encoding") return null;
  }
  if (!Number.isSafeInteger(length) && length !== -1) return null;
  return { status: Number(status[1]), contentType, length, isClosing, bodyStart };
}

function takeIdle(socketPath: string): net.Socket | null {
  const sockets = idle.get(socketPath);
  for (let socket = sockets?.pop(); socket; socket = sockets?.pop()) {
    socket.removeAllListeners("close");
    socket.removeAllListeners("error");
    if (!socket.destroyed && socket.readyState === "open") return socket;
    socket.destroy();
  }
  return null;
}

function putIdle(socketPath: string, socket: net.Socket): void {
  let sockets = idle.get(socketPath);
  if (!sockets) idle.set(socketPath, (sockets = []));
  if (sockets.length >= MAX_IDLE_PER_SOCKET) return void socket.destroy();
  // An idle connection the instance closes (drained, restarted) just leaves the pool.
  const drop = () => {
    const index = sockets.indexOf(socket);
    if (index >= 0) sockets.splice(index, 1);
    if (sockets.length === 0 && idle.get(socketPath) === sockets) idle.delete(socketPath);
    socket.destroy();
  };
  socket.once("close", drop);
  socket.once("error", drop);
  sockets.push(socket);
}
