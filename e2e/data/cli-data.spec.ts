import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { tokenFor } from "../fixtures/api";
import { runCli } from "../fixtures/cli";

test("the crucible CLI creates, lists, shows, downloads and archives data assets", async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const home = mkdtempSync(path.join(tmpdir(), "crucible-data-cli-"));
  const workspace = `data-${Date.now()}`;
  const env = { HOME: home, CRUCIBLE_URL: baseURL!, CRUCIBLE_TOKEN: token, CRUCIBLE_WORKSPACE: workspace };
  const cli = (...args: string[]) => runCli(args, env, home);
  expect((await cli("workspace", "create", workspace)).code).toBe(0);

  mkdirSync(path.join(home, "digits", "train"), { recursive: true });
  writeFileSync(path.join(home, "digits", "train", "x.csv"), "a,b\n1,2\n");
  writeFileSync(path.join(home, "digits", "labels.txt"), "0 1 2\n");
  const first = await cli("data", "create", "--name", "digits", "--path", "digits");
  expect(first.code, first.stderr).toBe(0);
  expect(first.stdout).toMatch(
    /Created data asset digits:1: 14 B new in 2 file\(s\), 0 B in 0 file\(s\) already stored/,
  );
  expect(first.stderr).toContain("Uploading 14 B / 14 B (100%)");

  writeFileSync(
    path.join(home, "data.yml"),
    "$schema: https://azuremlschemas.azureedge.net/latest/data.schema.json\nname: digits\ntype: uri_folder\npath: ./digits\ndescription: again\ntags:\n  stage: raw\n",
  );
  const second = await cli("data", "create", "-f", "data.yml");
  expect(second.stdout).toMatch(
    /Created data asset digits:2: 0 B new in 0 file\(s\), 14 B in 2 file\(s\) already stored/,
  );

  expect((await cli("data", "list")).stdout).toMatch(/digits\s+2\s+uri_folder\s+2\s+14 B/);
  const shown = await cli("data", "show", "digits:2");
  expect(shown.stdout).toMatch(/digits:2 {2}uri_folder/);
  expect(shown.stdout).toContain("tags stage=raw");

  const download = await cli("data", "download", "digits:1", "--to", "out");
  expect(download.stdout).toContain("Downloaded 2 file(s) to out");
  expect(readFileSync(path.join(home, "out", "train", "x.csv"), "utf8")).toBe("a,b\n1,2\n");

  expect((await cli("data", "archive", "digits:2")).stdout).toContain("Archived digits:2");
  expect((await cli("data", "show", "digits@latest")).stdout).toMatch(/digits:1 /);

  const bad = await cli("data", "create", "--name", "one", "--type", "uri_file", "--path", "digits");
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("a uri_file is one file");
  expect(existsSync(path.join(home, ".crucible", "uploads"))).toBe(true);
});
