import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { OwnStudio } from "../../scripts/own-studio";

const studio = new OwnStudio(3197, path.resolve(".crucible-e2e-launcher"));
test.afterAll(() => studio.killAll());

function requestToken(password: string | undefined, name: string): Promise<Response> {
  return fetch(`${studio.url}/api/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@crucible.local", password, name }),
  });
}

// The launcher on an empty home: embedded PostgreSQL, a generated admin password printed once,
// a clean stop on SIGTERM, and the same data reused by the next start.
test("the launcher starts, stops cleanly on SIGTERM and reuses its database", async () => {
  test.setTimeout(180_000);
  fs.rmSync(studio.home, { recursive: true, force: true });
  expect(await studio.isUp(), `port ${studio.port} is already in use`).toBe(false);

  const first = studio.start();
  await studio.waitHealthy();
  const password = /generated password \(shown once\): (\S+)/.exec(studio.output)?.[1];
  expect(password, studio.output).toBeTruthy();
  expect((await requestToken(password, "launcher")).status).toBe(200);
  expect(await studio.stop(first, "SIGTERM")).toBe(0);
  expect(fs.existsSync(path.join(studio.home, "postgres", "data", "postmaster.pid"))).toBe(false);

  studio.output = "";
  const second = studio.start();
  await studio.waitHealthy();
  expect(studio.output).not.toContain("created the first admin");
  expect((await requestToken(password, "launcher-again")).status).toBe(200);
  expect(await studio.stop(second, "SIGINT")).toBe(0);
  fs.rmSync(studio.home, { recursive: true, force: true });
});
