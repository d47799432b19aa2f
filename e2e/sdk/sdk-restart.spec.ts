import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { OwnStudio } from "../../scripts/own-studio";
import { sdkVenv } from "./sdk-venv";

const ADMIN = { CRUCIBLE_ADMIN_EMAIL: "admin@restart.test", CRUCIBLE_ADMIN_PASSWORD: "restart-password" };
const studio = new OwnStudio(3198, path.resolve(".crucible-e2e-restart"), ADMIN);
test.afterAll(() => studio.killAll());

async function api(pathname: string, token: string | null, body?: unknown) {
  const response = await fetch(`${studio.url}/api/v1${pathname}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

// The SDK keeps logging while the server restarts: its batches wait, retry, and all land.
test("nothing logged through the SDK is lost when the server restarts mid-run", async () => {
  test.setTimeout(180_000);
  fs.rmSync(studio.home, { recursive: true, force: true });
  let server = studio.start();
  await studio.waitHealthy();
  const { token } = await api("/auth/token", null, { email: ADMIN.CRUCIBLE_ADMIN_EMAIL, password: ADMIN.CRUCIBLE_ADMIN_PASSWORD, name: "sdk" });
  const ws = await api("/workspaces", token, { name: "restart" });

  const total = 3000;
  let out = "";
  const script = spawn(sdkVenv().python, ["sdk/python/tests/log_through_restart.py", String(total), "8"], {
    env: { ...process.env, CRUCIBLE_URL: studio.url, CRUCIBLE_TOKEN: token, CRUCIBLE_WORKSPACE: ws.id },
  });
  script.stdout.on("data", (d) => (out += String(d)));
  script.stderr.on("data", (d) => (out += String(d)));
  const finished = new Promise<number | null>((resolve) => script.once("exit", resolve));

  await expect.poll(() => out, { timeout: 20_000 }).toContain("RUN ");
  await new Promise((r) => setTimeout(r, 2000));
  expect(await studio.stop(server, "SIGTERM")).toBe(0);
  await new Promise((r) => setTimeout(r, 3000));
  server = studio.start();
  await studio.waitHealthy();

  expect(await finished, out).toBe(0);
  expect(out).toContain("DONE");
  const runId = /RUN (\S+)/.exec(out)![1];
  const run = await api(`/workspaces/${ws.id}/runs/${runId}`, token);
  expect(run.status).toBe("Completed");
  expect(run.metrics.loss.count).toBe(total);
  const history = await api(`/workspaces/${ws.id}/runs/${runId}/metric-history?key=loss&buckets=10000`, token);
  expect(new Set(history.points.map((p: { step: number }) => p.step)).size).toBe(total);
  await studio.stop(server, "SIGTERM");
  fs.rmSync(studio.home, { recursive: true, force: true });
});
