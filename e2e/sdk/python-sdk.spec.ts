import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, tokenFor } from "../fixtures/api";

// The Python SDK's own tests, run with the machine's python3 against the studio under test.
test("the Python SDK logs runs against a live server", async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = await (await request.post("/api/v1/workspaces", { headers: bearer(token), data: { name: `sdk-${Date.now()}` } })).json();
  const result = spawnSync("python3", ["-m", "unittest", "discover", "-v", "-s", "tests", "-p", "test_*.py"], {
    cwd: "sdk/python",
    env: { ...process.env, CRUCIBLE_URL: baseURL, CRUCIBLE_TOKEN: token, CRUCIBLE_WORKSPACE: ws.name },
    encoding: "utf8",
    timeout: 110_000,
  });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  expect(result.stderr).toMatch(/Ran \d+ tests/);
  expect(result.stderr).toContain("OK");
});
