import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, screenshot, signIn, tokenFor } from "../fixtures/api";
import { sdkVenv } from "./sdk-venv";

// A run created by the SDK shows up in the runs table while it trains, then completes there.
test("a run logged with the SDK appears live in the runs table and its charts", async ({ page, request, baseURL }) => {
  test.setTimeout(120_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = await (await request.post("/api/v1/workspaces", { headers: bearer(token), data: { name: `live-${Date.now()}` } })).json();
  let out = "";
  const script = spawn(sdkVenv().python, ["sdk/python/tests/live_training.py", "12"], {
    env: { ...process.env, CRUCIBLE_URL: baseURL, CRUCIBLE_TOKEN: token, CRUCIBLE_WORKSPACE: ws.name },
  });
  script.stdout.on("data", (d) => (out += String(d)));
  script.stderr.on("data", (d) => (out += String(d)));
  const finished = new Promise<number | null>((resolve) => script.once("exit", resolve));
  await expect.poll(() => out, { timeout: 30_000 }).toContain("RUN ");

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${ws.id}/experiments`);
  await page.getByRole("link", { name: "live-sdk" }).click();
  const row = page.getByRole("table", { name: "Runs" }).getByTestId("run-row-sdk-live");
  await expect(row).toContainText("Running", { timeout: 15_000 });
  await screenshot(page, "15-sdk-run-live");
  expect(await finished, out).toBe(0);
  await expect(row).toContainText("Completed", { timeout: 40_000 });
  await expect(row).toContainText("0.95");

  await row.getByRole("link", { name: "sdk-live" }).click();
  await expect(page.getByTestId("chart-accuracy")).toContainText("20 points");
  await expect(page.getByRole("table", { name: "Params" })).toContainText("adam");
  await page.waitForTimeout(300);
  await screenshot(page, "16-sdk-run-charts");
});
