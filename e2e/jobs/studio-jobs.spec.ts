import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, screenshot, signIn, tokenFor } from "../fixtures/api";

async function defaultWorkspace(request: APIRequestContext, token: string): Promise<string> {
  const list = (await (await request.get("/api/v1/workspaces", { headers: bearer(token) })).json()) as {
    id: string;
    name: string;
  }[];
  return list.find((w) => w.name === "default")!.id;
}

test("a job submitted from the studio form shows its YAML, runs, and can be resubmitted", async ({ page, request }) => {
  test.setTimeout(120_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = await defaultWorkspace(request, token);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${ws}/experiments`);
  await page.getByRole("link", { name: "Submit a job" }).click();
  await page.getByLabel("Command").fill("echo form-job ${{inputs.greeting}}");
  await page.getByLabel("Experiment").fill("from-the-form");
  await page.getByLabel("Inputs").fill("greeting: hello");
  const yaml = page.getByLabel("Job YAML");
  await expect(yaml).toHaveValue(/command: echo form-job \$\{\{inputs.greeting\}\}/);
  await expect(yaml).toHaveValue(/compute: local/);
  await expect(yaml).toHaveValue(/greeting: hello/);
  await screenshot(page, "job-submit-form");
  await page.getByRole("button", { name: "Submit" }).click();
  await page.waitForURL(/\/runs\//);
  await expect(page.getByRole("log", { name: "Console" })).toContainText("form-job hello", { timeout: 90_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Completed", { timeout: 30_000 });

  await page.getByRole("link", { name: "Resubmit this job…" }).click();
  await expect(page.getByLabel("Job YAML")).toHaveValue(/echo form-job/);
  await page
    .getByLabel("Job YAML")
    .fill("command: echo x\nenvironment: crucible-sklearn\ncompute: local\nresources:\n  cpus: 2\n");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("region", { name: "Job" }).getByRole("alert")).toContainText(
    "line 5, resources.cpus: Unknown field",
  );
});

test("the compute and environments pages show shared hosts with capacity and the curated environment", async ({
  page,
  request,
}) => {
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = await defaultWorkspace(request, token);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${ws}/compute`);
  const local = page.getByRole("listitem", { name: "Host local" });
  await expect(local).toContainText("Online");
  await expect(local).toContainText("network none");
  await expect(local.getByRole("meter").first()).toBeVisible();
  // Hosts are the site's: a workspace sees them read-only.
  await expect(local.getByRole("button")).toHaveCount(0);
  await screenshot(page, "compute");

  await page.goto(`/w/${ws}/environments`);
  const curated = page.getByRole("listitem", { name: "Environment crucible-sklearn" });
  await expect(curated).toContainText("curated");
  await curated.getByText("crucible-sklearn:1").click();
  await expect(curated).toContainText("crucible-base:bookworm");
  await page.getByLabel("Environment YAML").fill("name: crucible-mine\nimage: crucible-base:bookworm\n");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(
    page.getByRole("region", { name: "Create an environment or a new version" }).getByRole("alert"),
  ).toContainText("reserved");
  await page
    .getByLabel("Environment YAML")
    .fill("name: team-env\nimage: crucible-base:bookworm\ndockerfile_steps: RUN true\n");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByText(/Created team-env:1/)).toBeVisible();
  await screenshot(page, "environments");
});

test("the log stream is authenticated and resumes after Last-Event-ID", async ({ request, baseURL }) => {
  test.setTimeout(90_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = await defaultWorkspace(request, token);
  const submitted = await request.post(`/api/v1/workspaces/${ws}/jobs`, {
    headers: bearer(token),
    data: { yaml: "command: for i in 1 2 3 4 5 6; do echo n$i; done\nenvironment: crucible-sklearn\ncompute: local\n" },
  });
  const { runId } = await submitted.json();
  const read = async (headers: Record<string, string>) => {
    const response = await fetch(`${baseURL}/api/v1/runs/${runId}/logs/stream`, { headers });
    return { status: response.status, text: await response.text() };
  };
  const all = await read(bearer(token));
  expect(all.status).toBe(200);
  expect(all.text).toMatch(/event: end\ndata: \{"status":"Completed"\}/);
  const ids = [...all.text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
  expect(ids).toEqual(ids.map((_, i) => i + 1));
  const n3 = /id: (\d+)\nevent: line\ndata: \{"seq":\d+,"stream":"stdout","text":"n3"/.exec(all.text)![1]!;
  const resumed = await read({ ...bearer(token), "Last-Event-ID": n3 });
  expect(resumed.text).not.toContain('"text":"n3"');
  expect(resumed.text).toContain('"text":"n4"');
  expect(resumed.text.match(/^id: (\d+)$/m)![1]).toBe(String(Number(n3) + 1));
  expect((await read({})).status).toBe(401);
  expect((await read({ ...bearer(token), "Last-Event-ID": "nope" })).status).toBe(400);
  expect((await fetch(`${baseURL}/api/v1/runs/missing/logs/stream`, { headers: bearer(token) })).status).toBe(404);
});
