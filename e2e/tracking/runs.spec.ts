import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, screenshot, signIn, tokenFor } from "../fixtures/api";

async function post(request: APIRequestContext, token: string, path: string, data: unknown) {
  const response = await request.post(`/api/v1${path}`, { headers: bearer(token), data });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

async function logCurve(
  request: APIRequestContext,
  token: string,
  ws: string,
  runId: string,
  steps: number,
  scale: number,
) {
  for (let start = 0; start < steps; start += 1000) {
    const metrics = Array.from({ length: Math.min(1000, steps - start) }, (_, i) => {
      const step = start + i;
      return [
        { key: "loss", value: scale * Math.exp(-step / 400) + 0.05 * Math.sin(step / 7), step },
        ...(step % 100 === 0 ? [{ key: "accuracy", value: 1 - 0.5 * scale * Math.exp(-step / 500), step }] : []),
      ];
    }).flat();
    for (let i = 0; i < metrics.length; i += 1000)
      await post(request, token, `/workspaces/${ws}/runs/${runId}/log-batch`, { metrics: metrics.slice(i, i + 1000) });
  }
}

test("runs logged through the API appear in the studio: table, filter, charts, compare, live updates", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = (await post(request, token, "/workspaces", { name: `tracking-${Date.now()}` })).id as string;
  const fast = await post(request, token, `/workspaces/${ws}/runs`, {
    experimentName: "digits",
    displayName: "fast-lr",
    params: [
      { key: "lr", value: "0.1" },
      { key: "epochs", value: "10" },
      { key: "model", value: "cnn" },
    ],
    tags: [{ key: "team", value: "vision" }],
  });
  const slow = await post(request, token, `/workspaces/${ws}/runs`, {
    experimentName: "digits",
    displayName: "slow-lr",
    params: [
      { key: "lr", value: "0.01" },
      { key: "epochs", value: "10" },
      { key: "model", value: "mlp" },
    ],
  });
  await post(request, token, `/workspaces/${ws}/runs`, {
    experimentId: fast.experimentId,
    parentRunId: fast.id,
    displayName: "fold-1",
  });
  await logCurve(request, token, ws, fast.id, 3000, 1);
  await logCurve(request, token, ws, slow.id, 1500, 1.5);
  await request.patch(`/api/v1/workspaces/${ws}/runs/${slow.id}`, {
    headers: bearer(token),
    data: { status: "Completed" },
  });

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${ws}/experiments`);
  await expect(page.getByRole("link", { name: "digits" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "digits" })).toContainText("3");
  await screenshot(page, "10-experiments");
  await page.getByRole("link", { name: "digits" }).click();

  const table = page.getByRole("table", { name: "Runs" });
  await expect(table.getByTestId("run-row-fast-lr")).toBeVisible();
  await expect(table.getByTestId("run-row-slow-lr")).toContainText("Completed");
  await expect(table.getByTestId("run-row-fold-1")).toHaveCount(0);
  await page.getByRole("button", { name: "Expand fast-lr" }).click();
  await expect(table.getByTestId("run-row-fold-1")).toBeVisible();
  await screenshot(page, "11-runs-table");

  await page.getByLabel("Filter runs").fill("params.lr = '0.01' and metrics.accuracy > 0.5");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(table.getByTestId("run-row-fast-lr")).toHaveCount(0);
  await expect(table.getByTestId("run-row-slow-lr")).toBeVisible();
  await page.getByLabel("Filter runs").fill("params.lr > 0.01");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Invalid filter" })).toContainText(
    "params.lr compares with = != LIKE ILIKE",
  );
  await page.getByLabel("Filter runs").fill("");
  await page.getByRole("button", { name: "Apply" }).click();

  // Live: a point logged now reaches the open table without a reload.
  await post(request, token, `/workspaces/${ws}/runs/${fast.id}/log-batch`, {
    metrics: [{ key: "accuracy", value: 0.987654, step: 5000 }],
  });
  await expect(table.getByTestId("run-row-fast-lr")).toContainText("0.98765", { timeout: 15_000 });

  await page.getByRole("checkbox", { name: "Select fast-lr" }).check();
  await page.getByRole("checkbox", { name: "Select slow-lr" }).check();
  await page.getByRole("button", { name: "Compare (2)" }).click();
  await expect(page.getByRole("heading", { name: "Compare 2 runs" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Params side by side" })).toContainText("model");
  await expect(page.getByRole("table", { name: "Params side by side" })).not.toContainText("epochs");
  await expect(page.getByTestId("compare-chart-loss").locator("canvas")).toBeVisible();
  await expect(page.getByRole("img", { name: /Parallel coordinates/ })).toBeVisible();
  await page.waitForTimeout(500);
  await screenshot(page, "12-compare-runs");

  await post(request, token, `/workspaces/${ws}/runs/${fast.id}/inputs`, {
    datasets: [
      {
        tags: [{ key: "mlflow.data.context", value: "train" }],
        dataset: { name: "digits", digest: "abc123", source_type: "local", source: "data/digits.csv" },
      },
    ],
  });
  await page.goto(`/w/${ws}/runs/${fast.id}`);
  await expect(page.getByRole("heading", { name: /fast-lr/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Dataset inputs" })).toContainText("digits (abc123)");
  await expect(page.getByRole("table", { name: "Params" })).toContainText("0.1");
  await expect(page.getByTestId("chart-loss")).toContainText("3,000 points");
  await expect(page.getByTestId("chart-loss").locator("canvas")).toBeVisible();
  await page.getByLabel("Smoothing").fill("0.9");
  await page.waitForTimeout(500);
  await screenshot(page, "13-run-charts");
});
