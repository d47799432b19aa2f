import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, tokenFor } from "../fixtures/api";
import { runCli } from "../fixtures/cli";

test("the crucible CLI registers models from a folder and a run, lists, shows, aliases, downloads and archives them", async ({
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const home = mkdtempSync(path.join(tmpdir(), "crucible-model-cli-"));
  const workspace = `models-${Date.now()}`;
  const env = { HOME: home, CRUCIBLE_URL: baseURL!, CRUCIBLE_TOKEN: token, CRUCIBLE_WORKSPACE: workspace };
  const cli = (...args: string[]) => runCli(args, env, home);
  const created = await request.post("/api/v1/workspaces", { headers: bearer(token), data: { name: workspace } });
  expect(created.status(), await created.text()).toBe(200);
  const workspaceId = ((await created.json()) as { id: string }).id;

  mkdirSync(path.join(home, "model", "sub"), { recursive: true });
  writeFileSync(path.join(home, "model", "MLmodel"), "flavors:\n  python_function:\n    loader_module: x\n");
  writeFileSync(path.join(home, "model", "sub", "weights.bin"), "weights");
  const fromFolder = await cli("model", "create", "--name", "digits", "--path", "model", "--description", "first");
  expect(fromFolder.code, fromFolder.stderr).toBe(0);
  expect(fromFolder.stdout).toContain("Registered model digits:1 (mlflow_model, 2 file(s)");

  const run = await (
    await request.post(`/api/v1/workspaces/${workspaceId}/runs`, {
      headers: bearer(token),
      data: { experimentName: "cli-models" },
    })
  ).json();
  const put = await request.put(`/api/v1/workspaces/${workspaceId}/runs/${run.id}/artifacts/outputs/model/w.bin`, {
    headers: bearer(token),
    data: Buffer.from("from the run"),
  });
  expect(put.status(), await put.text()).toBe(200);
  const fromRun = await cli("model", "create", "--name", "digits", "--run", run.id, "--run-path", "outputs/model");
  expect(fromRun.code, fromRun.stderr).toBe(0);
  expect(fromRun.stdout).toContain("Registered model digits:2 (custom_model, 1 file(s)");

  expect((await cli("model", "set-alias", "digits:1", "champion")).stdout).toContain("digits@champion → version 1");
  expect((await cli("model", "list")).stdout).toMatch(/digits\s+2\s+2\s+champion=1/);
  const shown = await cli("model", "show", "digits@champion");
  expect(shown.stdout).toMatch(/digits:1 {2}mlflow_model {2}@champion/);
  expect(shown.stdout).toContain("flavors python_function");
  expect((await cli("model", "show", "digits")).stdout).toMatch(/digits {2}2 version\(s\)/);

  const download = await cli("model", "download", "digits@champion", "--to", "out");
  expect(download.stdout).toContain("Downloaded 2 file(s) to out");
  expect(readFileSync(path.join(home, "out", "sub", "weights.bin"), "utf8")).toBe("weights");

  expect((await cli("model", "archive", "digits:2")).stdout).toContain("Archived digits:2");
  expect((await cli("model", "show", "digits@latest")).stdout).toMatch(/digits:1 /);

  const outside = await cli("model", "create", "--name", "bad", "--run", run.id, "--run-path", "../x");
  expect(outside.code).not.toBe(0);
  expect(outside.stderr).toContain("Invalid artifact path");
  const usage = await cli("model", "create", "--name", "bad");
  expect(usage.code).toBe(2);
});
