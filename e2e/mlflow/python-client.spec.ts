import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, screenshot, signIn, tokenFor } from "../fixtures/api";

// The official MLflow client (pinned in tests/python/requirements.txt) drives this studio through
// the pytest suite of tests/python/mlflow_client, with a workspace and token of its own; the run
// its sklearn autolog test made is then opened in the studio.
const PYTHON = path.resolve(".crucible-venv/bin/python");
const SUITE = "tests/python/mlflow_client";
const RESULTS_DIR = path.resolve("test-results/mlflow-client");
const RESULTS = path.join(RESULTS_DIR, "results.json");
const SUITE_TIMEOUT_MS = 480_000;

type TResults = { autolog?: { experiment_id: string; run_id: string } };

/** Runs pytest to its end (or kills it at the time limit); resolves with its exit code and output. */
function runPytest(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const { FORCE_COLOR: _, ...inherited } = process.env;
    const child = spawn(
      PYTHON,
      ["-m", "pytest", SUITE, "-q", "-p", "no:cacheprovider", "-W", "ignore::DeprecationWarning"],
      { env: { ...inherited, ...env } },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), SUITE_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test.describe.configure({ mode: "serial" });

let workspaceId = "";
let results: TResults = {};

test("the MLflow Python client's suite passes against the studio", async ({ request, baseURL }) => {
  test.setTimeout(SUITE_TIMEOUT_MS + 360_000);
  const venv = spawnSync("bash", ["scripts/python-venv.sh"], { encoding: "utf8", timeout: 300_000 });
  expect(venv.status, `${venv.stdout}\n${venv.stderr}`).toBe(0);
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });

  const admin = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const created = await request.post("/api/v1/workspaces", {
    headers: bearer(admin),
    data: { name: `mlflow-client-${Date.now()}` },
  });
  expect(created.status(), await created.text()).toBe(200);
  workspaceId = ((await created.json()) as { id: string }).id;

  const { code, output } = await runPytest({
    MLFLOW_TRACKING_URI: `${baseURL}/mlflow/${workspaceId}`,
    MLFLOW_TRACKING_TOKEN: admin,
    MLFLOW_CLIENT_RESULTS: RESULTS,
    // The client reports usage to its makers unless told not to; this suite talks to the studio only.
    MLFLOW_DISABLE_TELEMETRY: "true",
    DO_NOT_TRACK: "true",
  });
  console.log(output);
  expect(code, output.slice(-8000)).toBe(0);
  expect(existsSync(RESULTS), "the suite names its autologged run").toBe(true);
  results = JSON.parse(readFileSync(RESULTS, "utf8")) as TResults;
});

test("the autologged run shows its params, metrics and model files in the studio", async ({ page }) => {
  const run = results.autolog;
  test.skip(!run, "the client suite did not get as far as its autolog test");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${workspaceId}/runs/${run!.run_id}`);
  await expect(page.getByRole("heading", { name: "iris-logreg" })).toBeVisible();
  const main = page.getByRole("main");
  await expect(main).toContainText("max_iter");
  await expect(main).toContainText("training_accuracy_score");
  // Logged once, so shown as a number rather than a one-dot chart.
  await expect(page.getByTestId("metric-value-training_accuracy_score")).toHaveText(/^0\.\d+$|^1$/);
  await page.getByRole("button", { name: "model/", exact: true }).click();
  await expect(page.getByRole("link", { name: "MLmodel" })).toBeVisible();
  await expect(page.getByRole("link", { name: "model.pkl" })).toBeVisible();
  await screenshot(page, "mlflow-autolog-run");
});
