import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

const PORT = 3197;
const HOME = path.resolve(".crucible-e2e-launcher");

const started: ChildProcess[] = [];

test.afterAll(() => {
  for (const child of started) {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
});

function start(): { child: ChildProcess; output: () => string } {
  let output = "";
  // The launcher itself (what `npm start` runs), so the signal reaches it and not npm.
  const child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/launch.ts", "start"], {
    env: { ...process.env, PORT: String(PORT), CRUCIBLE_HOME: HOME, DATABASE_URL: "", CRUCIBLE_ADMIN_EMAIL: "", CRUCIBLE_ADMIN_PASSWORD: "" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so cleanup can reach every process under npm
  });
  started.push(child);
  child.stdout!.on("data", (d) => (output += String(d)));
  child.stderr!.on("data", (d) => (output += String(d)));
  return { child, output: () => output };
}

async function waitHealthy(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.ok).catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("studio did not become healthy");
}

function requestToken(password: string | undefined, name: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${PORT}/api/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@crucible.local", password, name }),
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

// The launcher on an empty home: embedded PostgreSQL, a generated admin password printed once,
// a clean stop on SIGTERM, and the same data reused by the next start.
test("the launcher starts, stops cleanly on SIGTERM and reuses its database", async () => {
  test.setTimeout(180_000);
  fs.rmSync(HOME, { recursive: true, force: true });
  const isPortTaken = await fetch(`http://127.0.0.1:${PORT}/api/health`).then(() => true, () => false);
  expect(isPortTaken, `port ${PORT} is already in use`).toBe(false);

  const first = start();
  await waitHealthy();
  const password = /generated password \(shown once\): (\S+)/.exec(first.output())?.[1];
  expect(password, first.output()).toBeTruthy();
  expect((await requestToken(password, "launcher")).status).toBe(200);

  const firstExit = exited(first.child);
  first.child.kill("SIGTERM");
  expect(await firstExit).toBe(0);
  expect(fs.existsSync(path.join(HOME, "postgres", "data", "postmaster.pid"))).toBe(false);

  const second = start();
  await waitHealthy();
  expect(second.output()).not.toContain("created the first admin");
  expect((await requestToken(password, "launcher-again")).status).toBe(200);
  const secondExit = exited(second.child);
  second.child.kill("SIGINT");
  expect(await secondExit).toBe(0);
  fs.rmSync(HOME, { recursive: true, force: true });
});
