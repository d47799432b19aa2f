import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, screenshot, signIn, tokenFor } from "../fixtures/api";
import { runCli } from "../fixtures/cli";

const SCORE = `def init():
    pass

def run(raw_data):
    return {"ok": True}
`;

const FAST_PROBE = { period: 0.5, initial_delay: 0, timeout: 2, failure_threshold: 100 };

// A deployment whose environment adds a step: the studio shows the image building (the
// deployment's message, the build's lines in its logs), then the deployment ready.
test("studio online deployment: its environment's image builds, shown in the table and the logs", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const workspaces = (await (await request.get("/api/v1/workspaces", { headers: bearer(token) })).json()) as {
    id: string;
    name: string;
  }[];
  const ws = workspaces.find((w) => w.name === "default")!.id;
  const stamp = Date.now();
  const model = `built-${stamp}`;
  const endpoint = `built-${stamp}`.slice(0, 32);
  const api = `/api/v1/workspaces/${ws}`;

  const home = mkdtempSync(path.join(tmpdir(), "crucible-studio-build-"));
  mkdirSync(path.join(home, "model"));
  writeFileSync(path.join(home, "model", "weights.txt"), "w1");
  const env = { HOME: home, CRUCIBLE_URL: baseURL!, CRUCIBLE_TOKEN: token, CRUCIBLE_WORKSPACE: "default" };
  const registered = await runCli(["model", "create", "--name", model, "--path", "model"], env, home);
  expect(registered.code, registered.stderr).toBe(0);
  // The sleep keeps the build going long enough to be seen.
  const environment = await request.post(`${api}/environments`, {
    headers: bearer(token),
    data: {
      name: `built-${stamp}`,
      spec: { dockerfile_steps: `RUN echo building ${stamp} && sleep 15 && echo built ${stamp}` },
    },
  });
  expect(environment.status(), await environment.text()).toBe(200);
  const created = await request.post(`${api}/online-endpoints`, { headers: bearer(token), data: { name: endpoint } });
  expect(created.status(), await created.text()).toBe(200);
  const deployed = await request.post(`${api}/online-endpoints/${endpoint}/deployments`, {
    headers: bearer(token),
    data: {
      name: "blue",
      model: `${model}:1`,
      environment: `built-${stamp}:1`,
      code_configuration: { code: { "score.py": SCORE }, scoring_script: "score.py" },
      liveness_probe: FAST_PROBE,
      readiness_probe: FAST_PROBE,
    },
  });
  expect(deployed.status(), await deployed.text()).toBe(200);

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${ws}/endpoints/online/${endpoint}`);
  await page.getByRole("tab", { name: "Deployments" }).click();
  const row = page.getByRole("table", { name: "Deployments" }).getByRole("row", { name: "blue" });
  await expect(row).toContainText("Building image crucible-env:", { timeout: 30_000 });
  await expect(row.getByTestId("deployment-state")).toHaveText("Creating");
  await screenshot(page, "online-deployment-building");

  await page.getByRole("tab", { name: "Logs" }).click();
  const console_ = page.getByRole("log", { name: "Console" });
  await expect(console_).toContainText(`building ${stamp}`, { timeout: 30_000 });
  await expect(console_).toContainText("[build]");
  await expect(console_).toContainText(`built ${stamp}`, { timeout: 60_000 });
  await expect(console_).toContainText("init() returned", { timeout: 60_000 });
  await screenshot(page, "online-deployment-build-logs");

  await page.getByRole("tab", { name: "Deployments" }).click();
  await expect(row.getByTestId("deployment-state")).toHaveText("Ready", { timeout: 60_000 });
  await expect(row).not.toContainText("Building image");

  await request.delete(`${api}/online-endpoints/${endpoint}`, { headers: bearer(token) });
});
