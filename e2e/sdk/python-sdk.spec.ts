import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, tokenFor } from "../fixtures/api";
import { sdkVenv } from "./sdk-venv";

// The Python SDK's pytest suite, run from the wheel in a venv of its own against the studio under
// test, in a fresh workspace that the studio's Docker host "local" is shared with (for the jobs).
test("the Python SDK, installed from its wheel, logs runs and submits jobs against a live server", async ({ request, baseURL }) => {
  test.setTimeout(600_000);
  const { python, venv, wheel } = sdkVenv();
  const version = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string }).version;
  expect(path.basename(wheel)).toBe(`crucible_sdk-${version}-py3-none-any.whl`);

  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = await (await request.post("/api/v1/workspaces", { headers: bearer(token), data: { name: `sdk-${Date.now()}` } })).json();
  const hosts = (await (await request.get("/api/v1/admin/hosts", { headers: bearer(token) })).json()) as { id: string; name: string }[];
  const local = hosts.find((h) => h.name === "local");
  expect(local, "the studio's Docker engine is registered as host 'local'").toBeDefined();
  const shared = await request.put(`/api/v1/admin/hosts/${local!.id}/shares/${ws.id}`, { headers: bearer(token), data: {} });
  expect(shared.status(), await shared.text()).toBe(200);

  const result = spawnSync(python, ["-m", "pytest", "-v", "--color=no", "-p", "no:cacheprovider", path.resolve("sdk/python/tests")], {
    // Outside the source tree, so only the installed wheel can be imported.
    cwd: venv,
    env: { ...process.env, CRUCIBLE_URL: baseURL, CRUCIBLE_TOKEN: token, CRUCIBLE_WORKSPACE: ws.name, CRUCIBLE_SDK_VENV: venv },
    encoding: "utf8",
    timeout: 580_000,
  });
  const out = `${result.stdout}\n${result.stderr}`;
  expect(result.status, out).toBe(0);
  expect(out).toMatch(/\d+ passed/);
  expect(out).toContain("test_a_submitted_script_logs_from_inside_its_job PASSED");
  expect(out).toContain("test_user_code_type_checks_strictly_against_the_installed_package PASSED");
  expect(out).not.toMatch(/\d+ skipped/);
});
