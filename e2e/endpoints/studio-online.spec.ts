import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, screenshot, signIn, signOut, tokenFor } from "../fixtures/api";
import { runCli } from "../fixtures/cli";

const SCORE = (model: string) => `import json

def init():
    pass

def run(raw_data):
    json.loads(raw_data)
    return {"model": "${model}"}
`;

// Probes quick enough for a test; the defaults are Azure's 10 s periods.
const FAST_PROBE = { period: 0.5, initial_delay: 0, timeout: 2, failure_threshold: 100 };

async function defaultWorkspace(request: APIRequestContext, token: string): Promise<string> {
  const list = (await (await request.get("/api/v1/workspaces", { headers: bearer(token) })).json()) as {
    id: string;
    name: string;
  }[];
  return list.find((w) => w.name === "default")!.id;
}

async function send(page: Page, deployment: string) {
  const form = page.getByRole("form", { name: "Test request" });
  await form.getByLabel("Deployment").selectOption(deployment);
  await form.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("answer-status")).toHaveText("200");
  return (await page.getByTestId("answer-deployment").textContent())!;
}

// An endpoint with two score.py deployments seeded through the API; in the studio: both become
// ready, traffic is split 90/10, the Test tab reaches each, the charts count both, and a Reader
// sees it all without the controls that change it.
test("studio online endpoints: deployments, traffic 90/10, test, monitoring; a Reader only reads", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = await defaultWorkspace(request, token);
  const stamp = Date.now();
  const model = `scorer-${stamp}`;
  const endpoint = `online-${stamp}`.slice(0, 32);
  const api = `/api/v1/workspaces/${ws}`;

  const home = mkdtempSync(path.join(tmpdir(), "crucible-studio-online-"));
  mkdirSync(path.join(home, "model"));
  writeFileSync(path.join(home, "model", "weights.txt"), "w1");
  const env = { HOME: home, CRUCIBLE_URL: baseURL!, CRUCIBLE_TOKEN: token, CRUCIBLE_WORKSPACE: "default" };
  const registered = await runCli(["model", "create", "--name", model, "--path", "model"], env, home);
  expect(registered.code, registered.stderr).toBe(0);

  const created = await request.post(`${api}/online-endpoints`, {
    headers: bearer(token),
    data: { name: endpoint, description: "Blue and green **score.py** deployments" },
  });
  expect(created.status(), await created.text()).toBe(200);
  for (const name of ["blue", "green"]) {
    const deployed = await request.post(`${api}/online-endpoints/${endpoint}/deployments`, {
      headers: bearer(token),
      data: {
        name,
        model: `${model}:1`,
        code_configuration: { code: { "score.py": SCORE(name) }, scoring_script: "score.py" },
        liveness_probe: FAST_PROBE,
        readiness_probe: FAST_PROBE,
      },
    });
    expect(deployed.status(), await deployed.text()).toBe(200);
  }

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${ws}/endpoints`);
  const row = page.getByRole("table", { name: "Online endpoints" }).getByRole("row", { name: new RegExp(endpoint) });
  await expect(row).toContainText(`/endpoints/default/${endpoint}/score`);
  await expect(row).toContainText("blue");
  await screenshot(page, "online-endpoints-list");

  await row.getByRole("link", { name: endpoint }).click();
  await expect(page.getByRole("heading", { name: endpoint })).toBeVisible();
  await expect(page.getByTestId("scoring-url")).toHaveText(`${baseURL}/endpoints/default/${endpoint}/score`);
  await expect(page.getByRole("figure").filter({ hasText: "Python" })).toContainText("requests.post(");
  await page.getByRole("button", { name: "Show keys" }).click();
  await expect(page.getByLabel("primary key")).not.toContainText("•");
  await screenshot(page, "online-endpoint-overview");
  await page.getByRole("button", { name: "Hide keys" }).click();

  // Both deployments come up as containers.
  await page.getByRole("tab", { name: "Deployments" }).click();
  const deployments = page.getByRole("table", { name: "Deployments" });
  for (const name of ["blue", "green"]) {
    const line = deployments.getByRole("row", { name });
    await expect(line.getByTestId("deployment-state")).toHaveText("Ready", { timeout: 180_000 });
    await expect(line).toContainText("1/1 ready");
    // Each instance says which host it runs on.
    await expect(line.getByRole("list", { name: `Instances of ${name}` }).getByRole("listitem")).toHaveText([
      /^\S+: ready$/,
    ]);
    await expect(line.getByRole("link", { name: `${model}:1` })).toHaveAttribute(
      "href",
      `/w/${ws}/models/${model}/versions/1`,
    );
  }
  await screenshot(page, "online-endpoint-deployments");

  // The editor refuses a split that does not sum to 100 before asking the server, then saves 90/10.
  await page.getByRole("tab", { name: "Traffic" }).click();
  const traffic = page.getByRole("form", { name: "Traffic" });
  await traffic.getByLabel("Traffic to blue (%)").fill("90");
  await traffic.getByLabel("Traffic to green (%)").fill("20");
  await traffic.getByRole("button", { name: "Save traffic" }).click();
  await expect(traffic.getByRole("alert")).toHaveText("The percentages sum to 110; they must sum to 0 or 100");
  await traffic.getByLabel("Traffic to green (%)").fill("10");
  await traffic.getByRole("button", { name: "Save traffic" }).click();
  await expect(traffic.getByRole("status")).toHaveText("Traffic saved.");
  await screenshot(page, "online-endpoint-traffic");

  // A deployment with live traffic cannot be deleted: the server says why.
  await page.getByRole("tab", { name: "Deployments" }).click();
  await expect(deployments.getByRole("row", { name: "green" })).toContainText("10%");
  await deployments.getByRole("button", { name: "Delete deployment green" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("region", { name: "Deployments" }).getByRole("alert")).toContainText("green");

  // Test tab: a named deployment answers through the header, then by traffic.
  await page.getByRole("tab", { name: "Test" }).click();
  expect(await send(page, "green")).toBe("green");
  await expect(page.getByTestId("answer-body")).toContainText('"model": "green"');
  const seen = new Set<string>();
  for (let i = 0; i < 12; i++) seen.add(await send(page, "by traffic"));
  expect([...seen].every((d) => d === "blue" || d === "green")).toBe(true);
  expect(seen.has("blue")).toBe(true);
  await screenshot(page, "online-endpoint-test");

  // Monitoring counts both deployments' requests (green at least the named one).
  await page.getByRole("tab", { name: "Monitoring" }).click();
  await expect(page.getByTestId("request-total")).toContainText(/blue [1-9]\d*, green [1-9]/, { timeout: 30_000 });
  await expect(page.getByRole("img", { name: "requests chart" })).toBeVisible();
  await expect(page.getByRole("img", { name: "latency chart" })).toBeVisible();
  await expect(page.getByRole("img", { name: "cpu chart" })).toBeVisible();
  await expect(page.getByRole("img", { name: "memory chart" })).toBeVisible();
  await screenshot(page, "online-endpoint-monitoring");

  // Logs: each instance's console, live, in the run console's viewer, each line tagged with its instance.
  await page.getByRole("tab", { name: "Logs" }).click();
  const console_ = page.getByRole("log", { name: "Console" });
  await expect(console_).toContainText("init() returned", { timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Logs" }).getByRole("status")).toHaveText("streaming");
  await page.getByLabel("Deployment logs").selectOption("green");
  await expect(console_).toContainText("init() returned");
  await expect(console_).toContainText(/\[[0-9a-f]{8}\]/);
  await screenshot(page, "online-endpoint-logs");

  // A Reader sees the endpoint but nothing that creates, moves traffic, reads keys or deletes.
  const readerEmail = `online-reader-${stamp}@e2e.test`;
  const invite = await (
    await request.post(`${api}/invitations`, { headers: bearer(token), data: { email: readerEmail, role: "Reader" } })
  ).json();
  const accepted = await request.post(`/api/v1/invitations/${invite.inviteUrl.split("/invite/")[1]}/accept`, {
    data: { name: "Endpoint Reader", password: "reader-password" },
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
  await signOut(page);
  await signIn(page, readerEmail, "reader-password");
  await page.goto(`/w/${ws}/endpoints`);
  await expect(page.getByRole("link", { name: endpoint })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create online endpoint" })).toHaveCount(0);
  await page.goto(`/w/${ws}/endpoints/online/${endpoint}`);
  await expect(page.getByTestId("scoring-url")).toBeVisible();
  await expect(page.getByRole("region", { name: "Keys" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Delete|Regenerate|Show keys/ })).toHaveCount(0);
  await page.getByRole("tab", { name: "Deployments" }).click();
  await expect(page.getByRole("table", { name: "Deployments" }).getByRole("row")).toHaveCount(3);
  await expect(page.getByRole("button", { name: /Create deployment|Update|Delete/ })).toHaveCount(0);
  await page.getByRole("tab", { name: "Traffic" }).click();
  await expect(page.getByLabel("Traffic to blue (%)")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save traffic" })).toHaveCount(0);
  await page.getByRole("tab", { name: "Test" }).click();
  await expect(page.getByRole("region", { name: "Test" }).getByRole("status")).toContainText(
    "may not invoke endpoints",
  );
  await screenshot(page, "online-endpoint-reader");

  await signOut(page);
  await request.delete(`${api}/online-endpoints/${endpoint}`, { headers: bearer(token) });
});
