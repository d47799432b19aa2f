import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { tokenFor } from "../fixtures/api";
import { runCli } from "../fixtures/cli";

const SCORE = `import json, os

def init():
    global weight
    weight = open(os.path.join(os.environ["AZUREML_MODEL_DIR"], "model.txt")).read().strip()

def run(raw_data):
    return {"weight": weight, "echo": json.loads(raw_data)}
`;

// Azure ML CLI v2's online deployment YAML; probes short so the test does not wait Azure's 10 s.
const DEPLOYMENT = `$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json
name: blue
endpoint_name: scorer
model: azureml:iris:1
code_configuration:
  code: ./code
  scoring_script: score.py
instance_count: 1
request_settings:
  request_timeout_ms: 5000
  max_concurrent_requests_per_instance: 2
readiness_probe:
  period: 1
  initial_delay: 0
liveness_probe:
  period: 1
  initial_delay: 0
`;

test("the crucible CLI deploys a model to an online endpoint, routes traffic to it and invokes it", async ({
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const home = mkdtempSync(path.join(tmpdir(), "crucible-online-"));
  const env = { HOME: home, CRUCIBLE_URL: "", CRUCIBLE_TOKEN: "", CRUCIBLE_WORKSPACE: "" };
  const cli = async (...args: string[]) => {
    const result = await runCli(args, env, home);
    return { ...result, all: `${result.stdout}\n${result.stderr}` };
  };
  const workspace = `online-${Date.now()}`;
  expect((await cli("login", "--url", baseURL!, "--token", token, "--workspace", workspace)).code).toBe(0);
  expect((await cli("workspace", "create", workspace)).code).toBe(0);
  const host = await cli(
    "compute",
    "create",
    "--name",
    `box-${Date.now()}`,
    "--docker-url",
    "unix:///var/run/docker.sock",
  );
  expect(host.code, host.all).toBe(0);

  mkdirSync(path.join(home, "model"));
  writeFileSync(path.join(home, "model", "model.txt"), "w1");
  mkdirSync(path.join(home, "code"));
  writeFileSync(path.join(home, "code", "score.py"), SCORE);
  expect((await cli("model", "create", "--name", "iris", "--path", "model")).code).toBe(0);

  const created = await cli("online-endpoint", "create", "--name", "scorer");
  expect(created.code, created.all).toBe(0);
  expect(created.stdout).toContain(`${baseURL}/endpoints/`);
  writeFileSync(path.join(home, "deployment.yml"), DEPLOYMENT);
  const deployed = await cli("online-deployment", "create", "-f", "deployment.yml");
  expect(deployed.code, deployed.all).toBe(0);
  await expect
    .poll(async () => (await cli("online-endpoint", "show", "--name", "scorer")).stdout, { timeout: 150_000 })
    .toMatch(/blue: iris:1 \(iris:1\), 1\/1 ready, Ready/);

  // Traffic sums to 0 or 100; the server says so, and the CLI exits non-zero.
  const bad = await cli("online-endpoint", "update", "--name", "scorer", "--traffic", "blue=70");
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toMatch(/0 or 100/);
  const routed = await cli("online-endpoint", "update", "--name", "scorer", "--traffic", "blue=100");
  expect(routed.code, routed.all).toBe(0);
  expect(routed.stdout).toContain("traffic blue=100");

  writeFileSync(path.join(home, "request.json"), JSON.stringify({ data: [[5.1, 3.5]] }));
  const answer = await cli("online-endpoint", "invoke", "--name", "scorer", "--request-file", "request.json", "--json");
  expect(answer.code, answer.all).toBe(0);
  const invoked = JSON.parse(answer.stdout) as { status: number; deployment: string; body: string };
  expect(invoked.status).toBe(200);
  expect(invoked.deployment).toBe("blue");
  expect(JSON.parse(invoked.body)).toEqual({ weight: "w1", echo: { data: [[5.1, 3.5]] } });

  const keys = await cli("online-endpoint", "get-credentials", "--name", "scorer");
  expect(keys.stdout).toMatch(/primaryKey\s+\S{20,}\nsecondaryKey\s+\S{20,}/);
  expect((await cli("online-endpoint", "list")).stdout).toMatch(/scorer\s+key\s+blue=100\s+blue \(Ready\)/);
  const logs = await cli("online-deployment", "logs", "--name", "blue", "--endpoint-name", "scorer");
  expect(logs.code, logs.all).toBe(0);
  expect(logs.stdout).toContain("== instance");

  // A deployment with live traffic is not deleted; with none, it is, and then the endpoint.
  const refused = await cli("online-deployment", "delete", "--name", "blue", "--endpoint-name", "scorer");
  expect(refused.code).not.toBe(0);
  expect((await cli("online-endpoint", "update", "--name", "scorer", "--traffic", "blue=0")).code).toBe(0);
  expect((await cli("online-deployment", "delete", "--name", "blue", "--endpoint-name", "scorer")).code).toBe(0);
  expect((await cli("online-endpoint", "delete", "--name", "scorer")).stdout).toContain(
    "Deleted online endpoint scorer",
  );
});
