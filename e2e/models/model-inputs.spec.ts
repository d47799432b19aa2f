import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, screenshot, signIn, tokenFor } from "../fixtures/api";
import { runCli } from "../fixtures/cli";

// A job reads a registered model by its alias; the run page lists the version it was pinned to,
// and the datastore that holds the model's files counts them. The model's lineage leads on to
// the job that read it and to the batch deployment serving it, whose box opens its endpoint.
test("a job reads a model by alias, the run page links the version it read, lineage reaches the endpoint", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const home = mkdtempSync(path.join(tmpdir(), "crucible-model-inputs-"));
  const env = { HOME: home, CRUCIBLE_URL: baseURL!, CRUCIBLE_TOKEN: token, CRUCIBLE_WORKSPACE: "default" };
  const cli = (...args: string[]) => runCli(args, env, home);
  const name = `scorer-${Date.now()}`;

  mkdirSync(path.join(home, "model"));
  writeFileSync(path.join(home, "model", "weights.txt"), "the-champion-weights");
  const registered = await cli("model", "create", "--name", name, "--path", "model");
  expect(registered.code, registered.stderr).toBe(0);
  const aliased = await cli("model", "set-alias", `${name}:1`, "champion");
  expect(aliased.code, aliased.stderr).toBe(0);

  writeFileSync(
    path.join(home, "job.yml"),
    [
      "command: cat ${{inputs.scorer}}/weights.txt",
      "environment:",
      "  image: crucible-base:bookworm",
      "compute: local",
      "experiment_name: model-inputs",
      "display_name: score-with-the-champion",
      "inputs:",
      "  scorer:",
      `    path: crucible:models/${name}@champion`,
    ].join("\n"),
  );
  const submitted = await cli("job", "create", "-f", "job.yml", "--json");
  expect(submitted.code, submitted.stderr).toBe(0);
  const { runId, studioUrl } = JSON.parse(submitted.stdout) as { runId: string; studioUrl: string };
  const followed = await cli("job", "logs", runId, "--follow");
  expect(followed.code, followed.stdout + followed.stderr).toBe(0);
  expect(followed.stdout).toContain("the-champion-weights");
  expect(followed.stdout).toContain(`Input 'scorer': model ${name}:1`);

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(new URL(studioUrl).pathname);
  const table = page.getByRole("table", { name: "Data and model inputs and outputs" });
  const link = table.getByRole("link", { name: `${name}:1` });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute("href", new RegExp(`/models/${name}/versions/1$`));
  await expect(table.getByRole("row").filter({ hasText: `${name}:1` })).toContainText("custom_model");
  const runGraph = page.getByRole("img", { name: "Lineage graph" });
  await expect(runGraph.getByRole("link", { name: `Model ${name}:1` })).toBeVisible();
  await expect(runGraph.getByRole("link", { name: "Run score-with-the-champion" })).toBeVisible();
  await table.scrollIntoViewIfNeeded();
  await screenshot(page, "run-model-input");

  const endpoint = `lineage-${Date.now()}`;
  mkdirSync(path.join(home, "code"));
  writeFileSync(
    path.join(home, "code", "score.py"),
    "def init():\n    pass\n\ndef run(mini_batch):\n    return mini_batch\n",
  );
  writeFileSync(
    path.join(home, "deployment.yml"),
    [
      "name: nightly",
      `endpoint_name: ${endpoint}`,
      `model: ${name}:1`,
      "code_configuration:",
      "  code: ./code",
      "  scoring_script: score.py",
      "compute: local",
    ].join("\n"),
  );
  expect((await cli("batch-endpoint", "create", "--name", endpoint)).code).toBe(0);
  const deployed = await cli("batch-deployment", "create", "-f", "deployment.yml");
  expect(deployed.code, deployed.stderr).toBe(0);
  const modelPage = `/w/${new URL(studioUrl).pathname.split("/")[2]}/models/${name}`;
  await page.goto(modelPage);
  const modelGraph = page.getByRole("img", { name: "Lineage graph" });
  await expect(modelGraph.getByRole("link", { name: "Run score-with-the-champion" })).toBeVisible();
  const deployment = modelGraph.getByRole("link", { name: `Deployment ${endpoint}/nightly` });
  await expect(deployment).toContainText("batch deployment");
  await modelGraph.scrollIntoViewIfNeeded();
  await screenshot(page, "model-lineage-endpoint");
  await deployment.click();
  await expect(page).toHaveURL(new RegExp(`/endpoints/batch/${endpoint}$`));
  await expect(page.getByRole("heading", { name: endpoint })).toBeVisible();

  const workspaceId = new URL(studioUrl).pathname.split("/")[2]!;
  const stores = await request.get(`/api/v1/workspaces/${workspaceId}/datastores`, { headers: bearer(token) });
  const blob = ((await stores.json()) as { name: string; blobCount: number }[]).find(
    (d) => d.name === "workspaceblobstore",
  )!;
  expect(blob.blobCount).toBeGreaterThan(0);
  await page.goto(`/w/${workspaceId}/datastores`);
  await expect(page.getByRole("listitem", { name: "Datastore workspaceblobstore" })).toContainText(
    `${blob.blobCount} data`,
  );
  await screenshot(page, "datastores-blob-count");
});
