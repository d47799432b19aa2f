import http from "node:http";
import { expect, test } from "@playwright/test";
import { listeningPid, rssBytes } from "../fixtures/process-memory";

const POSTS = 20;
const BODY_BYTES = 30 * 1024 * 1024;
const MiB = 1024 * 1024;

// Every kind of route a stranger can post to without credentials: the MLflow and log-batch fast
// routes, REST, tRPC and sign-in through Next.js. Half declare their length, half are chunked.
const TARGETS = [
  "/mlflow/default/api/2.0/mlflow/runs/log-batch",
  "/api/v1/auth/token",
  "/api/trpc/workspaces.create",
  "/api/v1/workspaces/w/runs/r/log-batch",
  "/api/auth/callback/credentials",
];

type TOutcome = {
  path: string;
  isChunked: boolean;
  status: number | null;
  error: string | null;
  sentMiB: number;
  ms: number;
};

/** A 30 MB post over loopback that stops sending once it is answered. */
function post(baseURL: string, path: string, isChunked: boolean): Promise<TOutcome> {
  const url = new URL(path, baseURL);
  const started = performance.now();
  return new Promise((resolve) => {
    let sent = 0;
    let status: number | null = null;
    let isSettled = false;
    const settle = (error: string | null) => {
      if (isSettled) return;
      isSettled = true;
      req.destroy();
      resolve({
        path,
        isChunked,
        status,
        error,
        sentMiB: Math.round(sent / MiB),
        ms: Math.round(performance.now() - started),
      });
    };
    const headers: Record<string, string> = {
      "content-type": "application/json",
      ...(isChunked ? {} : { "content-length": String(BODY_BYTES) }),
    };
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers });
    req.on("response", (res) => {
      status = res.statusCode ?? null;
      res.resume();
      res.on("end", () => settle(null));
      res.on("error", () => settle(null));
    });
    req.on("error", (error) => settle(status === null ? error.message : null));
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const pump = () => {
      while (status === null && !isSettled && sent < BODY_BYTES) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (status === null && !isSettled) req.end();
    };
    pump();
  });
}

test("20 unauthenticated 30 MB posts leave the studio's memory bounded and /api/health answering", async ({
  baseURL,
}) => {
  test.setTimeout(120_000);
  const pid = listeningPid(Number(new URL(baseURL!).port));
  // Each route loads its code on first use; that is not what is measured.
  for (const path of TARGETS) await post(baseURL!, path, false);
  await post(baseURL!, TARGETS[0]!, true);
  const before = rssBytes(pid);

  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 20);
  const healthMs: number[] = [];
  let isLoading = true;
  const health = (async () => {
    while (isLoading) {
      const started = performance.now();
      const response = await fetch(`${baseURL}/api/health`);
      expect(response.status).toBe(200);
      healthMs.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  const outcomes = await Promise.all(
    Array.from({ length: POSTS }, (_, i) => post(baseURL!, TARGETS[i % TARGETS.length]!, i % 2 === 1)),
  );
  isLoading = false;
  await health;
  clearInterval(sampler);
  peak = Math.max(peak, rssBytes(pid));

  const growthMiB = (peak - before) / MiB;
  console.log(
    `studio pid ${pid}: RSS ${(before / MiB).toFixed(0)} MiB before, ${(peak / MiB).toFixed(0)} MiB at peak (+${growthMiB.toFixed(0)} MiB) for ${POSTS} posts of ${BODY_BYTES / MiB} MiB`,
  );
  console.log(
    `/api/health answered ${healthMs.length} times during the load, slowest ${Math.max(...healthMs).toFixed(0)} ms`,
  );
  for (const o of outcomes)
    console.log(
      `  ${o.isChunked ? "chunked" : "length "} ${o.path}: ${o.status ?? o.error} after ${o.ms} ms, ${o.sentMiB} MiB sent`,
    );

  expect(growthMiB).toBeLessThan(200);
  expect(healthMs.length).toBeGreaterThan(0);
  for (const o of outcomes) {
    expect([401, 413], `${o.path} (${o.isChunked ? "chunked" : "with a length"}): ${o.error}`).toContain(o.status);
    expect(o.sentMiB, o.path).toBeLessThan(BODY_BYTES / MiB);
  }
});
