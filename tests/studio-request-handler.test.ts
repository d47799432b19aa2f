import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JSON_BODY_LIMIT } from "../server/http/body-limits";
import { studioRequestHandler } from "../server/http/studio-request-handler";
import { createApiToken } from "../server/services/tokens/create-api-token";
import { createUser } from "./helpers/actors";

let server: http.Server;
let port: number;
let nextCalls = 0;

beforeAll(async () => {
  // Next.js stands in as a handler that reads nothing: what matters is whether a request reaches it.
  server = http.createServer(
    studioRequestHandler(async (_req, res) => {
      nextCalls++;
      res.writeHead(200, { "content-type": "application/json", connection: "close" });
      res.end('{"next":true}');
    }),
  );
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
