import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { tokenFor } from "../fixtures/api";
import { runCli } from "../fixtures/cli";

const SCORE = `import os

def init():
    global weight
    weight = open(os.path.join(os.environ["AZUREML_MODEL_DIR"], "model.txt")).read().strip()

def run(mini_batch):
    return [[len(open(p).read()), weight] for p in mini_batch]
`;

// Host names are the site's: e2e/jobs/cli.spec.ts registers its own "box".
const HOST = `batch-box-${Date.now()}`;

const DEPLOYMENT = (
  miniBatchSize: number,
) => `$schema: https://azuremlschemas.azureedge.net/latest/modelBatchDeployment.schema.json
name: blue
endpoint_name: scorer
type: model
model: azureml:iris:1
code_configuration:
  code: ./code
  scoring_script: score.py
environment: crucible-sklearn@latest
compute: azureml:${HOST}
resources:
  instance_count: 1
settings:
  mini_batch_size: ${miniBatchSize}
  max_concurrency_per_instance: 2
  retry_settings:
    max_retries: 1
    timeout: 30
  error_threshold: -1
  output_action: append_row
  output_file_name: predictions.csv
  logging_level: info
`;

test("the crucible CLI deploys a model to a batch endpoint and scores a data asset with it", async ({
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const home = mkdtempSync(path.join(tmpdir(), "crucible-batch-"));
  const env = { HOME: home, CRUCIBLE_URL: "", CRUCIBLE_TOKEN: "", CRUCIBLE_WORKSPACE: "" };
  const cli = async (...args: string[]) => {
    const result = await runCli(args, env, home);
    return { ...result, all: `${result.stdout}\n${result.stderr}` };
  };
  const workspace = `batch-${Date.now()}`;
  expect((await cli("login", "--url", baseURL!, "--token", token, "--workspace", workspace)).code).toBe(0);
  expect((await cli("workspace", "create", workspace)).code).toBe(0);
  const host = await cli("compute", "create", "--name", HOST, "--docker-url", "unix:///var/run/docker.sock");
  expect(host.code, host.all).toBe(0);

  mkdirSync(path.join(home, "docs"));
  for (let i = 1; i <= 12; i++) writeFileSync(path.join(home, "docs", `doc${i}.txt`), "x".repeat(i));
  mkdirSync(path.join(home, "model"));
  writeFileSync(path.join(home, "model", "model.txt"), "w1");
  mkdirSync(path.join(home, "code"));
  writeFileSync(path.join(home, "code", "score.py"), SCORE);
  expect((await cli("data", "create", "--name", "docs", "--path", "docs")).code).toBe(0);
  expect((await cli("model", "create", "--name", "iris", "--path", "model")).code).toBe(0);

  expect((await cli("batch-endpoint", "create", "--name", "scorer")).stdout).toContain("Created batch endpoint scorer");
  writeFileSync(path.join(home, "bad.yml"), DEPLOYMENT(0));
  const bad = await cli("batch-deployment", "create", "-f", "bad.yml");
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/mini_batch_size is at least 1/);

  writeFileSync(path.join(home, "deployment.yml"), DEPLOYMENT(5));
  const created = await cli("batch-deployment", "create", "-f", "deployment.yml");
  expect(created.code, created.all).toBe(0);
  expect(created.stdout).toMatch(
    new RegExp(`blue \\(default\\): model iris:1 \\(azureml:iris:1\\), crucible-sklearn:\\d+ on ${HOST}`),
  );
  expect((await cli("batch-endpoint", "list")).stdout).toMatch(/scorer\s+blue\s+blue/);

  const invoked = await cli("batch-endpoint", "invoke", "--name", "scorer", "--input", "crucible:docs:1");
  expect(invoked.code, invoked.all).toBe(0);
  const runId = /Run (\S+) /.exec(invoked.stdout)![1]!;
  await expect
    .poll(async () => (await cli("batch-endpoint", "list-jobs", "--name", "scorer")).stdout, { timeout: 180_000 })
    .toMatch(new RegExp(`${runId}\\s+blue\\s+docs:1\\s+Completed\\s+3/3, 0 failed\\s+scorer-predictions:1`));

  const download = await cli("data", "download", "scorer-predictions:1", "--to", "out");
  expect(download.code, download.all).toBe(0);
  const csv = readFileSync(path.join(home, "out", "predictions.csv"), "utf8")
    .trim()
    .split("\n");
  expect(csv[0]).toBe("file,prediction_0,prediction_1");
  expect(csv).toHaveLength(13);
  expect(csv).toContain("doc12.txt,12,w1");

  // The model version a deployment scores with cannot be deleted; the endpoint can, and its job stays.
  writeFileSync(path.join(home, "deployment.yml"), DEPLOYMENT(4));
  expect((await cli("batch-deployment", "update", "-f", "deployment.yml")).stdout).toMatch(/mini_batch_size 4/);
  expect((await cli("batch-endpoint", "show", "--name", "scorer")).stdout).toMatch(/mini_batch_size 4, max_retries 1/);
  expect((await cli("batch-deployment", "delete", "--name", "blue", "--endpoint-name", "scorer")).code).toBe(0);
  expect((await cli("batch-endpoint", "delete", "--name", "scorer")).stdout).toContain("Deleted batch endpoint scorer");
  expect((await cli("job", "show", runId)).stdout).toContain("Completed");
});
