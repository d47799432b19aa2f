import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, screenshot, signIn, signOut, tokenFor } from "../fixtures/api";
import { runCli } from "../fixtures/cli";

// init() reads the model as Azure's scoring scripts do; run() answers one row per file.
const SCORE = `import os

def init():
    global weight
    weight = open(os.path.join(os.environ["AZUREML_MODEL_DIR"], "model.txt")).read().strip()

def run(mini_batch):
    return [[len(open(p).read()), weight] for p in mini_batch]
`;

// A data asset and a registered model are seeded through the API; the endpoint, its deployment
// (the scoring script uploaded from the browser) and its invocation are made in the studio, and a
// real container scores the files. A Reader sees it all without the buttons that change it.
test("studio batch endpoints: create, deploy an uploaded score.py, invoke on a data asset, follow progress; a Reader only reads", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const home = mkdtempSync(path.join(tmpdir(), "crucible-studio-batch-"));
  const stamp = Date.now();
  const workspace = `studio-batch-${stamp}`;
  const env = { HOME: home, CRUCIBLE_URL: "", CRUCIBLE_TOKEN: "", CRUCIBLE_WORKSPACE: "" };
  const cli = async (...args: string[]) => {
    const result = await runCli(args, env, home);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    return result;
  };
  await cli("login", "--url", baseURL!, "--token", token, "--workspace", workspace);
  await cli("workspace", "create", workspace);
  // A host of its own on the local engine: the batch driver reports its progress to the studio.
  const host = `studio-batch-${stamp}`;
  await cli("compute", "create", "--name", host, "--docker-url", "unix:///var/run/docker.sock");
  mkdirSync(path.join(home, "docs"));
  for (let i = 1; i <= 12; i++) writeFileSync(path.join(home, "docs", `doc${i}.txt`), "x".repeat(i));
  mkdirSync(path.join(home, "model"));
  writeFileSync(path.join(home, "model", "model.txt"), "w1");
  await cli("data", "create", "--name", "docs", "--path", "docs");
  await cli("model", "create", "--name", "iris", "--path", "model");
  const workspaces = (await (await request.get("/api/v1/workspaces", { headers: bearer(token) })).json()) as {
    id: string;
    name: string;
  }[];
  const ws = workspaces.find((w) => w.name === workspace)!.id;

  // The Endpoints page: empty, then a new batch endpoint opens its own page.
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${ws}`);
  await page.getByRole("navigation").getByRole("link", { name: "Endpoints" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${ws}/endpoints$`));
  const batch = page.getByRole("region", { name: "Batch endpoints" });
  await expect(batch).toContainText("No batch endpoints yet");
  const createEndpoint = page.getByRole("form", { name: "Create batch endpoint" });
  await createEndpoint.getByLabel("Endpoint name").fill("x");
  await createEndpoint.getByRole("button", { name: "Create batch endpoint" }).click();
  await expect(createEndpoint.getByRole("alert")).toContainText("Use 3 to 32 characters");
  await createEndpoint.getByLabel("Endpoint name").fill("scorer");
  await createEndpoint.getByLabel("Description").fill("Counts characters per document");
  await createEndpoint.getByRole("button", { name: "Create batch endpoint" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${ws}/endpoints/batch/scorer$`));
  await expect(page.getByRole("heading", { name: "scorer", level: 1 })).toBeVisible();

  // A deployment: the model from the registry, score.py uploaded from the browser, Azure's defaults.
  await page.getByRole("button", { name: "Create deployment" }).click();
  const form = page.getByRole("form", { name: "Create deployment" });
  await form.getByLabel("Deployment name").fill("blue");
  await expect(form.getByLabel("Compute")).toHaveValue(host);
  await form.getByLabel("Compute").selectOption(host);
  await form.getByLabel("Model", { exact: true }).selectOption("iris");
  await form.getByLabel("Model version").selectOption("1");
  await form.getByLabel("Choose files").setInputFiles({
    name: "score.py",
    mimeType: "text/x-python",
    buffer: Buffer.from(SCORE),
  });
  await expect(form.getByLabel("Scoring script")).toHaveValue("score.py");
  await expect(form.getByLabel("mini_batch_size")).toHaveValue("10");
  await expect(form.getByLabel("retry_settings.max_retries")).toHaveValue("3");
  await expect(form.getByLabel("error_threshold")).toHaveValue("-1");
  await form.getByLabel("mini_batch_size").fill("0");
  await form.getByRole("button", { name: "Create deployment" }).click();
  await expect(form.getByRole("alert")).toContainText("mini_batch_size is at least 1");
  await form.getByLabel("mini_batch_size").fill("5");
  await screenshot(page, "batch-create-deployment");
  await form.getByRole("button", { name: "Create deployment" }).click();
  const deployments = page.getByRole("table", { name: "Deployments" });
  const blue = deployments.getByRole("row", { name: /blue/ });
  await expect(blue).toContainText("default");
  await expect(blue).toContainText("score.py, 1 file(s)");
  await expect(blue.getByRole("link", { name: "iris:1" })).toHaveAttribute("href", `/w/${ws}/models/iris/versions/1`);
  await expect(blue.getByRole("cell", { name: "5", exact: true })).toBeVisible();

  // Invoke on the data asset and watch the real job's mini-batches reach the end.
  const invoke = page.getByRole("form", { name: "Invoke" });
  await invoke.getByLabel("Data asset", { exact: true }).selectOption("docs");
  await expect(invoke.getByLabel("Data version")).toHaveValue("1");
  await invoke.getByLabel("Output name").fill("doc-lengths");
  await invoke.getByRole("button", { name: "Invoke" }).click();
  await expect(invoke.getByRole("status")).toContainText("deployment blue, model iris:1");
  const invocation = page.getByRole("table", { name: "Invocations" }).getByRole("row").nth(1);
  await expect(invocation).toContainText("docs:1");
  const progress = invocation.getByRole("progressbar");
  await expect(progress).toBeVisible({ timeout: 120_000 });
  await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: 180_000 });
  await expect(invocation).toContainText("3/3 done, 0 failed");
  await expect(invocation).toContainText("Completed", { timeout: 60_000 });
  const output = invocation.getByRole("link", { name: "doc-lengths:1" });
  await expect(output).toBeVisible({ timeout: 60_000 });
  await screenshot(page, "batch-endpoint");

  // The run page and the output version are one click away.
  await expect(invocation.getByRole("link").first()).toHaveAttribute("href", new RegExp(`/w/${ws}/runs/`));
  await output.click();
  await expect(page).toHaveURL(new RegExp(`/w/${ws}/data/doc-lengths/versions/1$`));
  await expect(page.getByRole("cell", { name: "predictions.csv", exact: true })).toBeVisible();
  await screenshot(page, "batch-output-version");

  // The list shows the default deployment, its model and the last invocation.
  await page.goto(`/w/${ws}/endpoints`);
  const row = page.getByRole("table", { name: "Batch endpoints" }).getByRole("row", { name: /scorer/ });
  await expect(row).toContainText("blue");
  await expect(row.getByRole("link", { name: "iris:1" })).toBeVisible();
  await expect(row).toContainText("Completed");
  await screenshot(page, "batch-endpoints");

  // A Reader reads everything and is offered nothing that changes it.
  const readerEmail = `batch-reader-${stamp}@e2e.test`;
  const invite = await (
    await request.post(`/api/v1/workspaces/${ws}/invitations`, {
      headers: bearer(token),
      data: { email: readerEmail, role: "Reader" },
    })
  ).json();
  const accepted = await request.post(`/api/v1/invitations/${invite.inviteUrl.split("/invite/")[1]}/accept`, {
    data: { name: "Batch Reader", password: "reader-password" },
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
  await signOut(page);
  await signIn(page, readerEmail, "reader-password");
  await page.goto(`/w/${ws}/endpoints`);
  await expect(page.getByRole("table", { name: "Batch endpoints" }).getByRole("row", { name: /scorer/ })).toContainText(
    "Completed",
  );
  await expect(page.getByRole("form", { name: "Create batch endpoint" })).toHaveCount(0);
  await page.getByRole("link", { name: "scorer" }).click();
  await expect(page.getByRole("table", { name: "Deployments" }).getByRole("row", { name: /blue/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Invocations" })).toContainText("doc-lengths:1");
  await expect(page.getByRole("button", { name: /Create deployment|Delete|Set default|Invoke/ })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Invoke" })).toHaveCount(0);
  await screenshot(page, "batch-endpoint-reader");
});
