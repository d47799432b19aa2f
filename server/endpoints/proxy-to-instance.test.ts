import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proxyToInstance } from "./proxy-to-instance";

// A scoring server stand-in on a unix socket, answering what each test needs in raw HTTP/1.1.
let dir: string;
let socketPath: string;
let server: net.Server;
let connections = 0;
let respond: (request: string, socket: net.Socket) => void = () => undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "proxy-"));
  socketPath = path.join(dir, "score.sock");
  server = net.createServer((socket) => {
    connections++;
    let text = "";
    socket.on("data", (chunk) => {
      text += String(chunk);
      const end = text.indexOf("\r\n\r\n");
      const length = Number(/content-length: (\d+)/i.exec(text)?.[1] ?? 0);
      if (end >= 0 && text.length >= end + 4 + length) {
        const request = text;
        text = "";
        respond(request, socket);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
});
afterAll(() => {
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const json = (body: string, extra = "") =>
  `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

describe("proxying to an instance", () => {
  it("sends the body with its type and reads the answer, reusing the connection", async () => {
    const seen: string[] = [];
    respond = (request, socket) => {
      seen.push(request);
      // The answer in two pieces, as a slow writer sends it.
      const answer = json('{"echo":' + request.split("\r\n\r\n")[1] + "}");
      socket.write(answer.slice(0, 20));
      setTimeout(() => socket.write(answer.slice(20)), 5);
    };
    const before = connections;
    const first = await proxyToInstance(socketPath, Buffer.from('{"a":1}'), "application/json", 1000);
    const second = await proxyToInstance(socketPath, Buffer.from("[2]"), "text/csv", 1000);
    expect(first).toMatchObject({ kind: "answer", status: 200, contentType: "application/json" });
    expect(JSON.parse(String((first as { body: Buffer }).body))).toEqual({ echo: { a: 1 } });
    expect(String((second as { body: Buffer }).body)).toBe('{"echo":[2]}');
    expect(seen[0]).toMatch(/^POST \/score HTTP\/1.1\r\n/);
    expect(seen[1]).toContain("Content-Type: text/csv");
    expect(connections - before).toBe(1);
  });

  it("takes an answer that ends with the connection, and opens a new one after it", async () => {
    respond = (_request, socket) =>
      socket.end("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\nboom");
    const answer = await proxyToInstance(socketPath, Buffer.from("{}"), "application/json", 1000);
    expect(answer).toMatchObject({ kind: "answer", status: 500, contentType: "text/plain" });
    expect(String((answer as { body: Buffer }).body)).toBe("boom");
    respond = (_request, socket) => socket.write(json("{}"));
    const before = connections;
    expect(await proxyToInstance(socketPath, Buffer.from("{}"), "application/json", 1000)).toMatchObject({
      status: 200,
    });
    expect(connections - before).toBe(1);
  });

  it("says unreachable when the instance closes without answering, or there is no socket", async () => {
    respond = (_request, socket) => socket.destroy();
    expect(await proxyToInstance(socketPath, Buffer.from("{}"), "application/json", 1000)).toMatchObject({
      kind: "unreachable",
    });
    expect(
      await proxyToInstance(path.join(dir, "none.sock"), Buffer.from("{}"), "application/json", 1000),
    ).toMatchObject({
      kind: "unreachable",
    });
  });

  it("gives up at the timeout, and refuses an answer that is not HTTP/1.1 with a length", async () => {
    respond = () => undefined;
    expect(await proxyToInstance(socketPath, Buffer.from("{}"), "application/json", 50)).toEqual({ kind: "timeout" });
    respond = (_request, socket) =>
      socket.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
    expect(await proxyToInstance(socketPath, Buffer.from("{}"), "application/json", 1000)).toMatchObject({
      kind: "unreachable",
    });
  });
});
