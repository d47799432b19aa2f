import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { screenshot, signIn, tokenFor } from "../fixtures/api";
import { runCli } from "../fixtures/cli";

// A job reads a data asset version and makes another; the run page shows both and the lineage
// graph, and following the output's box leads to its version.
test("lineage: from a run to the data it read and made", async ({ page, request, baseURL }) => {
  test.setTimeout(240_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const home = mkdtempSync(path.join(tmpdir(), "crucible-lineage-"));
  const env = { HOME: home, CRUCIBLE_URL: baseURL!, CRUCIBLE_TOKEN: token, CRUCIBLE_WORKSPACE: "default" };
  const cli = (...args: string[]) => runCli(args, env, home);
  const stamp = Date.now();
  const raw = `lineage-raw-${stamp}`;
  const clean = `lineage-clean-${stamp}`;

  writeFileSync(path.join(home, "x.csv"), "a,b\n1,2\n3,4\n");
  const created = await cli("data", "create", "--name", raw, "--type", "uri_file", "--path", "x.csv");
  expect(created.code, created.stderr).toBe(0);
  writeFileSync(
    path.join(home, "job.yml"),
    [
      "command: >-",
      "  wc -l ${{inputs.raw}} && grep -v '^3' ${{inputs.raw}} > ${{outputs.clean}}/x.csv",
      "environment:",
      "  image: crucible-base:bookworm",
      "compute: local",
      "experiment_name: lineage",
      "display_name: clean-the-data",
      "inputs:",
      "  raw:",
      "    type: uri_file",
      `    path: crucible:${raw}@latest`,
      "outputs:",
      "  clean:",
      `    name: ${clean}`,
    ].join("\n"),
  );
  const submitted = await cli("job", "create", "-f", "job.yml", "--json");
  expect(submitted.code, submitted.stderr).toBe(0);
  const { runId, studioUrl } = JSON.parse(submitted.stdout) as { runId: string; studioUrl: string };
  const followed = await cli("job", "logs", runId, "--follow");
  expect(followed.code, followed.stdout + followed.stderr).toBe(0);
  expect(followed.stdout).toContain(`Output 'clean' registered as ${clean}:1`);

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(new URL(studioUrl).pathname);
  const data = page.getByRole("table", { name: "Data and model inputs and outputs" });
  await expect(data.getByRole("link", { name: `${raw}:1` })).toBeVisible();
  await expect(data.getByRole("link", { name: `${clean}:1` })).toBeVisible();
  const graph = page.getByRole("img", { name: "Lineage graph" });
  await expect(graph.getByRole("link", { name: `Data ${raw}:1` })).toBeVisible();
  await expect(graph.getByRole("link", { name: "Run clean-the-data" })).toBeVisible();
  await graph.scrollIntoViewIfNeeded();
  await screenshot(page, "run-lineage");

  await graph.getByRole("link", { name: `Data ${clean}:1` }).click();
  await expect(page).toHaveURL(new RegExp(`/data/${clean}/versions/1$`));
});
