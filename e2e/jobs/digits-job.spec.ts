import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, screenshot, signIn, tokenFor } from "../fixtures/api";
import { runCli } from "../fixtures/cli";

// The whole path: CLI submission with a code snapshot, a container on the local Docker engine,
// the SDK logging from inside it, live logs in the browser, the metric chart and the saved model.
test("a scikit-learn job submitted with the CLI streams its logs to the browser and saves its model", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const env = { CRUCIBLE_URL: baseURL!, CRUCIBLE_TOKEN: token, CRUCIBLE_WORKSPACE: "default" };

  const hosts = await runCli(["compute", "list"], env);
  expect(hosts.code, hosts.stderr).toBe(0);
  expect(hosts.stdout).toMatch(/local\s+Online/);

  const submitted = await runCli(["job", "create", "-f", "e2e/jobs/digits/job.yml", "--json"], env);
  expect(submitted.code, submitted.stderr).toBe(0);
  const { runId, studioUrl } = JSON.parse(submitted.stdout) as { runId: string; studioUrl: string };
  expect(studioUrl).toContain(`/runs/${runId}`);

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(new URL(studioUrl).pathname);
  const console_ = page.getByRole("log", { name: "Console" });
  // Live: an epoch line shows while the run is still running.
  await expect(console_).toContainText(/epoch \d: accuracy=/, { timeout: 120_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/Running|Finalizing|Completed/);
  await screenshot(page, "job-running");

  // The CLI follows the same stream to the end and exits 0 for a completed run.
  const followed = await runCli(["job", "logs", runId, "--follow"], env);
  expect(followed.code, followed.stderr).toBe(0);
  expect(followed.stdout).toContain("saved outputs/model.pkl");
  expect(followed.stdout).toContain("epoch 7: accuracy=");
  expect(followed.stdout).not.toContain("25%");

  await expect(page.getByRole("heading", { level: 1 })).toContainText("Completed", { timeout: 30_000 });
  await expect(console_).toContainText("saved outputs/model.pkl");
  await page.getByLabel("Search the console").fill("accuracy=");
  await expect(page.getByText(/^8 of \d+ lines$/)).toBeVisible();
  await page.getByLabel("Search the console").fill("");
  const download = await request.get(`/api/v1/runs/${runId}/logs/download`, { headers: bearer(token) });
  expect(download.headers()["content-disposition"]).toContain("console.txt");
  expect(await download.text()).toMatch(/epoch 0: accuracy=[\s\S]*saved outputs\/model.pkl\nSaved 1 file/);
  await expect(page.getByRole("region", { name: "Metrics" }).locator("canvas").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Job" })).toContainText("crucible-sklearn:1");
  const outputs = page.getByRole("region", { name: "Outputs and logs" });
  await outputs.getByRole("button", { name: "outputs/", exact: true }).click();
  await expect(outputs).toContainText("model.pkl");
  await screenshot(page, "job-completed");

  // Reproduce: resubmitting from the studio runs the same code (the snapshot is reused).
  await page.getByRole("link", { name: "Resubmit this job…" }).click();
  await expect(page.getByText(/The code snapshot of run \S+ is reused/)).toBeVisible();
  await page.getByRole("button", { name: "Submit" }).click();
  await page.waitForURL((url) => url.pathname.includes("/runs/") && !url.pathname.endsWith(runId));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Completed", { timeout: 90_000 });
  await expect(page.getByRole("log", { name: "Console" })).toContainText("saved outputs/model.pkl");

  const run = await (
    await request.get(`/api/v1/workspaces/${await workspaceId(request, token)}/runs/${runId}`, {
      headers: bearer(token),
    })
  ).json();
  expect(run.metrics.accuracy.count).toBe(8);
  expect(run.metrics.accuracy.last).toBeGreaterThan(0.85);
  expect(run.params).toMatchObject({ epochs: "8", model: "sgd" });
});

test("a long job is canceled from the run page", async ({ page, request }) => {
  test.setTimeout(120_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = await workspaceId(request, token);
  const submitted = await request.post(`/api/v1/workspaces/${ws}/jobs`, {
    headers: bearer(token),
    data: {
      yaml: "command: for i in $(seq 1 600); do echo tick $i; sleep 1; done\nenvironment: crucible-sklearn\ncompute: local\nexperiment_name: cancel-me\n",
    },
  });
  expect(submitted.status(), await submitted.text()).toBe(200);
  const { runId } = await submitted.json();
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${ws}/runs/${runId}`);
  await expect(page.getByRole("log", { name: "Console" })).toContainText("tick 2", { timeout: 90_000 });
  await page.getByRole("button", { name: "Cancel run" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Canceled", { timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Job" })).toContainText("Canceled by request");
  await screenshot(page, "job-canceled");
});

async function workspaceId(request: APIRequestContext, token: string): Promise<string> {
  const list = (await (await request.get("/api/v1/workspaces", { headers: bearer(token) })).json()) as {
    id: string;
    name: string;
  }[];
  return list.find((w) => w.name === "default")!.id;
}
