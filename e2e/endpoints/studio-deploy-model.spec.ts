import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import Docker from "dockerode";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, screenshot, signIn, tokenFor } from "../fixtures/api";
import { runCli } from "../fixtures/cli";

/**
 * Trains a logistic regression on two features (class 1 when their sum is positive; `flip`
 * inverts it) and saves it as an MLflow model folder with the python_function and sklearn flavors.
 */
const TRAIN = String.raw`import os, pickle, sys
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
flip = sys.argv[1] == "flip"
rng = np.random.default_rng(0)
X = rng.normal(size=(200, 2))
y = ((X.sum(axis=1) > 0) != flip).astype(int)
model = LogisticRegression().fit(X, y)
out = os.path.join(os.environ["CRUCIBLE_OUTPUTS"], "model")
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "model.pkl"), "wb") as f:
    pickle.dump(model, f)
with open(os.path.join(out, "MLmodel"), "w") as f:
    f.write("artifact_path: model\nflavors:\n")
    f.write("  python_function:\n    loader_module: mlflow.sklearn\n    model_path: model.pkl\n")
    f.write("    predict_fn: predict\n    python_version: %d.%d.%d\n" % sys.version_info[:3])
    f.write("  sklearn:\n    pickled_model: model.pkl\n    serialization_format: pickle\n")
    f.write("    sklearn_version: %s\n" % sklearn.__version__)
print("accuracy %.3f; saved outputs/model" % model.score(X, y))
`;

/** MLflow's pyfunc input: a split DataFrame. Class 1 when the features sum above zero (version 1). */
const PYFUNC_BODY = JSON.stringify({
  dataframe_split: {
    columns: ["x0", "x1"],
    data: [
      [2, 2],
      [-3, -1],
    ],
  },
});

async function defaultWorkspace(request: APIRequestContext, token: string): Promise<string> {
  const list = (await (await request.get("/api/v1/workspaces", { headers: bearer(token) })).json()) as {
    id: string;
    name: string;
  }[];
  return list.find((w) => w.name === "default")!.id;
}

/** Fills the Test tab's form and sends it; returns who answered. */
async function send(page: Page, deployment: string): Promise<string> {
  const form = page.getByRole("form", { name: "Test request" });
  await form.getByLabel("Deployment").selectOption(deployment);
  await form.getByRole("button", { name: "Send" }).click();
  await expect(form.getByRole("button", { name: "Send" })).toBeEnabled();
  await expect(page.getByTestId("answer-status")).toHaveText("200");
  return (await page.getByTestId("answer-deployment").textContent())!;
}

async function createDeployment(page: Page, name: string, model: string, version: string) {
  await page.getByRole("tab", { name: "Deployments" }).click();
  await page.getByRole("button", { name: "Create deployment" }).click();
  const form = page.getByRole("form", { name: "Create deployment" });
  await form.getByLabel("Deployment name").fill(name);
  await form.getByLabel("Model", { exact: true }).selectOption(model);
  await form.getByLabel("Model version").selectOption(version);
  await expect(form.getByTestId("model-type-hint")).toContainText(`${model}:${version} is an mlflow_model`);
  await screenshot(page, `deploy-model-create-${name}`);
  await form.getByRole("button", { name: "Create" }).click();
  await expect(form).toHaveCount(0);
  const row = page.getByRole("table", { name: "Deployments" }).getByRole("row", { name });
  await expect(row.getByRole("link", { name: `${model}:${version}` })).toBeVisible();
  // No scoring script: the mlflow_model's pyfunc flavor serves it.
  await expect(row).toContainText("MLflow pyfunc, no score.py");
  await expect(row.getByTestId("deployment-state")).toHaveText("Ready", { timeout: 180_000 });
  await expect(row).toContainText("1/1 ready");
}

// Models trained by jobs and registered with the CLI; everything after that is the studio, as a
// user clicks it: an endpoint, a deployment of version 1 without scoring code, a test call in
// MLflow's input format, version 2 beside it at 10 % of the traffic, both counted in the
// monitoring, and a key regenerated.
test("studio: deploy a registered scikit-learn model, test it, split traffic 90/10 to version 2, monitor both", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(480_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = await defaultWorkspace(request, token);
  const stamp = Date.now();
  const model = `iris-clf-${stamp}`;
  const endpoint = `iris-${stamp}`.slice(0, 32);
  const home = mkdtempSync(path.join(tmpdir(), "crucible-deploy-model-"));
  const env = { HOME: home, CRUCIBLE_URL: baseURL!, CRUCIBLE_TOKEN: token, CRUCIBLE_WORKSPACE: "default" };
  const cli = (...args: string[]) => runCli(args, env, home);

  // Two training jobs, the second with inverted labels, each saving an MLflow model folder.
  writeFileSync(path.join(home, "train.py"), TRAIN);
  const runs: string[] = [];
  for (const [version, labels] of [
    ["v1", "plain"],
    ["v2", "flip"],
  ] as const) {
    writeFileSync(
      path.join(home, `${version}.yml`),
      [
        `command: python3 train.py ${labels}`,
        "code: .",
        "environment:",
        "  image: crucible-base:bookworm",
        "compute: local",
        "experiment_name: deploy-model",
        `display_name: train-${version}`,
      ].join("\n"),
    );
    const submitted = await cli("job", "create", "-f", `${version}.yml`, "--json");
    expect(submitted.code, submitted.stderr).toBe(0);
    runs.push((JSON.parse(submitted.stdout) as { runId: string }).runId);
  }
  for (const [i, runId] of runs.entries()) {
    const followed = await cli("job", "logs", runId, "--follow");
    expect(followed.code, followed.stdout + followed.stderr).toBe(0);
    expect(followed.stdout).toMatch(/accuracy (0\.9\d\d|1\.000); saved outputs\/model/);
    const registered = await cli("model", "create", "--name", model, "--run", runId, "--run-path", "outputs/model");
    expect(registered.code, registered.stderr).toBe(0);
    expect(registered.stdout).toContain(`Registered model ${model}:${i + 1} (mlflow_model, 2 file(s)`);
  }

  // Endpoints → a new online endpoint with key auth, through the form.
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${ws}/endpoints`);
  await page.getByRole("button", { name: "Create online endpoint" }).click();
  const create = page.getByRole("form", { name: "Create online endpoint" });
  await create.getByLabel("Endpoint name").fill(endpoint);
  await create.getByLabel("Auth mode").selectOption("key");
  await create.getByLabel("Description").fill("Iris classifier, version 1 live and version 2 on trial");
  await screenshot(page, "deploy-model-create-endpoint");
  await create.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(new RegExp(`/endpoints/online/${endpoint}$`));
  await expect(page.getByRole("heading", { name: endpoint })).toBeVisible();

  // Deployment blue: version 1, picked in the model picker, no scoring code.
  await createDeployment(page, "blue", model, "1");
  await screenshot(page, "deploy-model-blue-ready");

  // Test tab: its sample body is in MLflow's input format, and the model answers it.
  await page.getByRole("tab", { name: "Test" }).click();
  await expect(page.getByRole("region", { name: "Test" })).toContainText(
    "blue serves an MLflow model without a score.py",
  );
  expect(await send(page, "blue")).toBe("blue");
  expect(JSON.parse((await page.getByTestId("answer-body").textContent())!)).toEqual({ predictions: [1] });
  // A body in none of MLflow's formats is the caller's mistake, and the answer says what it takes.
  const form = page.getByRole("form", { name: "Test request" });
  await page.getByLabel("Request body (JSON)").fill('{"data": [[1, 2]]}');
  await form.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("answer-status")).toHaveText("400");
  await expect(page.getByTestId("answer-body")).toContainText("dataframe_split, dataframe_records, instances, inputs");
  await screenshot(page, "deploy-model-test-bad-body");
  await page.getByLabel("Request body (JSON)").fill(PYFUNC_BODY);
  expect(await send(page, "blue")).toBe("blue");
  expect(JSON.parse((await page.getByTestId("answer-body").textContent())!)).toEqual({ predictions: [1, 0] });
  await screenshot(page, "deploy-model-test-blue");

  // Deployment green: version 2, which inverts the classes.
  await createDeployment(page, "green", model, "2");
  await page.getByRole("tab", { name: "Test" }).click();
  await page.getByLabel("Request body (JSON)").fill(PYFUNC_BODY);
  expect(await send(page, "green")).toBe("green");
  expect(JSON.parse((await page.getByTestId("answer-body").textContent())!)).toEqual({ predictions: [0, 1] });

  // Traffic: 90/10.
  await page.getByRole("tab", { name: "Traffic" }).click();
  const traffic = page.getByRole("form", { name: "Traffic" });
  await traffic.getByLabel("Traffic to blue (%)").fill("90");
  await traffic.getByLabel("Traffic to green (%)").fill("10");
  await expect(traffic).toContainText("Total: 100%");
  await traffic.getByRole("button", { name: "Save traffic" }).click();
  await expect(traffic.getByRole("status")).toHaveText("Traffic saved.");
  await screenshot(page, "deploy-model-traffic");

  // By traffic from the Test tab: at least 20 requests, and on until green has answered one.
  await page.getByRole("tab", { name: "Test" }).click();
  await page.getByLabel("Request body (JSON)").fill(PYFUNC_BODY);
  const answered: Record<string, number> = {};
  for (let i = 0; i < 100 && (i < 20 || !answered.green); i++) {
    const by = await send(page, "by traffic");
    answered[by] = (answered[by] ?? 0) + 1;
  }
  expect(Object.keys(answered).sort()).toEqual(["blue", "green"]);
  expect(answered.green).toBeGreaterThan(0);
  expect(answered.blue).toBeGreaterThan(answered.green!);
  await expect(page.getByTestId("answer-tally")).toHaveText(
    `Answered since this tab opened: ${Object.entries(answered)
      .sort()
      .map(([by, n]) => `${by} ${n}`)
      .join(" · ")}`,
  );
  await screenshot(page, "deploy-model-test-by-traffic");

  // Monitoring: each deployment's requests, counted in the table over the charts.
  await page.getByRole("tab", { name: "Monitoring" }).click();
  const perDeployment = page.getByRole("table", { name: "Requests per deployment" });
  // Blue answered three named calls (one of them a 400) and its share; green one named call and its share.
  for (const [name, count] of [
    ["blue", answered.blue! + 3],
    ["green", answered.green! + 1],
  ] as const)
    await expect(
      perDeployment
        .getByRole("row", { name: new RegExp(`^${name} `) })
        .getByRole("cell")
        .nth(1),
    ).toHaveText(String(count), { timeout: 30_000 });
  await expect(page.getByRole("img", { name: "requests chart" })).toBeVisible();
  await screenshot(page, "deploy-model-monitoring");

  // Overview: the keys, and the secondary one regenerated after the confirm dialog.
  await page.getByRole("tab", { name: "Overview" }).click();
  // The snippets send a body the MLflow deployments take.
  await expect(page.getByRole("figure").filter({ hasText: "curl" })).toContainText(`-d '{"instances": [[1.0, 2.0]]}'`);
  await page.getByRole("button", { name: "Show keys" }).click();
  const primary = page.getByLabel("primary key");
  const secondary = page.getByLabel("secondary key");
  await expect(secondary).not.toContainText("•");
  const [primaryBefore, secondaryBefore] = [await primary.textContent(), await secondary.textContent()];
  await screenshot(page, "deploy-model-keys");
  await page.getByRole("button", { name: "Regenerate secondary" }).click();
  const dialog = page.getByRole("dialog", { name: "Regenerate the secondary key?" });
  await expect(dialog).toContainText("the other key keeps working");
  await screenshot(page, "deploy-model-regenerate-dialog");
  await dialog.getByRole("button", { name: "Regenerate" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The secondary key was regenerated." })).toBeVisible();
  await expect(secondary).not.toHaveText(secondaryBefore!);
  await expect(secondary).not.toContainText("•");
  await expect(primary).toHaveText(primaryBefore!);
  await screenshot(page, "deploy-model-keys-regenerated");

  // The old secondary key is refused at the scoring URL; the new one is taken.
  const score = (key: string) =>
    request.post(`/endpoints/default/${endpoint}/score`, {
      headers: { authorization: `Bearer ${key}` },
      data: PYFUNC_BODY,
    });
  expect((await score(secondaryBefore!)).status()).toBe(401);
  expect((await score((await secondary.textContent())!)).status()).toBe(200);

  // The worker removes a deleted endpoint's containers on its next pass; waiting for that keeps the
  // server's shutdown after the test from leaving them running.
  const api = `/api/v1/workspaces/${ws}/online-endpoints/${endpoint}`;
  const shown = (await (await request.get(api, { headers: bearer(token) })).json()) as {
    deployments: { instances: { id: string }[] }[];
  };
  const instanceIds = shown.deployments.flatMap((d) => d.instances.map((i) => i.id));
  expect(instanceIds).toHaveLength(2);
  const docker = new Docker({ socketPath: "/var/run/docker.sock" });
  // Docker ANDs label filters, so each instance is counted on its own.
  const containers = async () => {
    let count = 0;
    for (const id of instanceIds)
      count += (await docker.listContainers({ all: true, filters: { label: [`crucible.endpoint-instance=${id}`] } }))
        .length;
    return count;
  };
  expect(await containers()).toBe(2);
  expect((await request.delete(api, { headers: bearer(token) })).status()).toBe(200);
  await expect.poll(containers, { timeout: 60_000, intervals: [500] }).toBe(0);
});
