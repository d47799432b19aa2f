import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JSON_BODY_LIMIT } from "../server/http/body-limits";
import { createStudioServer } from "../server/http/studio-request-handler";
import { createApiToken } from "../server/services/tokens/create-api-token";
import { createUser } from "./helpers/actors";

let server: http.Server;
let port: number;
let nextCalls = 0;

beforeAll(async () => {
  // Next.js stands in as a handler that reads nothing: what matters is whether a request reaches it.
  server = createStudioServer(async (_req, res) => {
    nextCalls++;
    res.writeHead(200, { "content-type": "application/json", connection: "close" });
    res.end('{"next":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type TAnswer = { status: number; body: Record<string, unknown>; sent: number };

/** A raw request over loopback: a body of `size` bytes, sent with a Content-Length or chunked, and how much of it went out before the answer. */
function send(
  path: string,
  size: number,
  options: { isChunked?: boolean; headers?: Record<string, string> } = {},
): Promise<TAnswer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = http.request({
      host: "127.0.0.1",
      port,
      path,
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(options.isChunked ? {} : { "content-length": String(size) }),
        ...options.headers,
      },
    });
    req.on("response", (res) => {
      let text = "";
      res.on("data", (d) => (text += String(d)));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || "{}"), sent });
      });
    });
    req.on("error", reject);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (sent < size) {
        const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe("the studio's server", () => {
  it("refuses a Content-Length over the route's limit at once, before Next.js or any credentials", async () => {
    const calls = nextCalls;
    const answer = await send("/api/v1/auth/token", 64 * 1024 * 1024);
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ code: "PAYLOAD_TOO_LARGE", message: "The request body is over 1 MiB" });
    // Answered long before the 64 MB were sent.
    expect(answer.sent).toBeLessThan(32 * 1024 * 1024);
    expect(nextCalls).toBe(calls);
  });

  it("cuts off a chunked MLflow body at its limit", async () => {
    const token = (await createApiToken((await createUser("bounds")).id, "bounds")).token;
    const answer = await send("/mlflow/default/api/2.0/mlflow/runs/log-metric", 30 * 1024 * 1024, {
      isChunked: true,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer).toMatchObject({ status: 413, body: { code: "PAYLOAD_TOO_LARGE" } });
    expect(answer.sent).toBeLessThan(30 * 1024 * 1024);
  });

  it("answers an MLflow call without credentials with 401, its body unread", async () => {
    const answer = await send("/mlflow/default/api/2.0/mlflow/runs/log-batch", 2 * JSON_BODY_LIMIT, {
      isChunked: true,
    });
    expect(answer).toMatchObject({ status: 401, body: { error_code: "UNAUTHENTICATED" } });
  });

  it("answers a malformed percent-encoding in a fast route's path with 400", async () => {
    const mlflow = await send("/mlflow/%E0%A4%A/api/2.0/mlflow/experiments/search", 2, {
      headers: { authorization: "Bearer cru_x" },
    });
    expect(mlflow).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
    const logBatch = await send("/api/v1/workspaces/%zz/runs/r/log-batch", 2, {
      headers: { authorization: "Bearer cru_x" },
    });
    expect(logBatch).toMatchObject({ status: 400, body: { code: "BAD_REQUEST" } });
  });

  it("passes everything else to Next.js", async () => {
    expect(await send("/api/v1/workspaces", 2)).toMatchObject({ status: 200, body: { next: true } });
  });
});

describe("methods Next.js cannot route", () => {
  it("are answered 405 with the methods there are, before Next.js", async () => {
    const before = nextCalls;
    const answer = await new Promise<{ status: number; allow: string | undefined; body: string }>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, path: "/api/v1/whoami", method: "TRACE" }, (res) => {
        let body = "";
        res.on("data", (d) => (body += String(d)));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(answer.status).toBe(405);
    expect(answer.allow).toContain("GET");
    expect(JSON.parse(answer.body)).toMatchObject({ code: "METHOD_NOT_ALLOWED" });
    expect(nextCalls).toBe(before);
  });
});

describe("a body Next.js's handler leaves unread", () => {
  let refusing: http.Server;
  let refusingPort: number;

  beforeAll(async () => {
    // As a route handler does with a chunked body over its limit: it reads a little, answers 413
    // and never pulls the rest from its stream.
    refusing = createStudioServer(async (req, res) => {
      await new Promise((resolve) => req.once("readable", resolve));
      req.read();
      res.writeHead(413, { "content-type": "application/json" });
      res.end('{"code":"PAYLOAD_TOO_LARGE"}');
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    refusingPort = (refusing.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => refusing.close(() => resolve())));

  it("is read and thrown away, so a client that sends it all before it reads still gets the answer", async () => {
    const size = 12 * 1024 * 1024;
    // A raw chunked request, written to its end whatever comes back, as Python's requests does.
    const answer = await new Promise<{ statusLine: string; sent: number }>((resolve, reject) => {
      const socket = net.connect(refusingPort, "127.0.0.1");
      let text = "";
      let sent = 0;
      socket.on("data", (data) => (text += String(data)));
      socket.on("error", reject);
      socket.write("POST /api/trpc/x HTTP/1.1\r\nHost: studio\r\nTransfer-Encoding: chunked\r\n\r\n");
      const chunk = Buffer.concat([Buffer.from("40000\r\n"), Buffer.alloc(0x40000, 0x20), Buffer.from("\r\n")]);
      const pump = () => {
        while (sent < size) {
          sent += 0x40000;
          if (!socket.write(chunk)) return void socket.once("drain", pump);
        }
        socket.write("0\r\n\r\n");
        const waitForAnswer = () =>
          text.includes("\r\n\r\n")
            ? (socket.destroy(), resolve({ statusLine: text.split("\r\n", 1)[0]!, sent }))
            : void setTimeout(waitForAnswer, 20);
        waitForAnswer();
      };
      pump();
    });
    expect(answer).toEqual({ statusLine: "HTTP/1.1 413 Payload Too Large", sent: size });
  });
});

describe("request lines and headers", () => {
  /** Writes a GET with a `size`-byte query string over a raw socket, all of it, then reads until the server closes. */
  function rawGet(size: number): Promise<{ head: string; body: string }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1");
      let text = "";
      socket.on("data", (d) => {
        text += String(d);
        // The fast answer of a handler keeps the connection open; one whole answer is enough.
        const [head, body = ""] = text.split("\r\n\r\n");
        const length = Number(/content-length: (\d+)/i.exec(head ?? "")?.[1] ?? -1);
        if (length >= 0 && Buffer.byteLength(body) >= length) socket.end();
      });
      socket.on("error", reject);
      socket.on("close", () => {
        const [head = "", body = ""] = text.split("\r\n\r\n");
        resolve({ head, body });
      });
      socket.write(`GET /api/v1/workspaces?filter=${"%E0%A0%80".repeat(Math.ceil(size / 9))} HTTP/1.1\r\n`);
      socket.write("Host: 127.0.0.1\r\n\r\n");
    });
  }

  it("takes a query string of tens of KiB, as a long URL-encoded filter makes", async () => {
    const answer = await rawGet(40 * 1024);
    expect(answer.head).toMatch(/^HTTP\/1.1 200/);
    // The stand-in for Next.js answers chunked.
    expect(answer.body).toContain('{"next":true}');
  });

  it("answers one past the limit with a 431 and a JSON reason the client can read, not a reset", async () => {
    const before = nextCalls;
    const answer = await rawGet(200 * 1024);
    expect(answer.head).toMatch(/^HTTP\/1.1 431/);
    expect(JSON.parse(answer.body)).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      message: expect.stringContaining("KiB"),
    });
    expect(nextCalls).toBe(before);
  });
});
