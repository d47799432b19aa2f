import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import Docker from "dockerode";
import { E2E_ADMIN } from "../../playwright.config";
import { solidPng } from "../../tests/helpers/png";
import { bearer, screenshot, signIn, tokenFor } from "../fixtures/api";
import { runCli } from "../fixtures/cli";

/** A stand-in sentiment model for ML assist: text with "good" is positive, the rest negative. */
const SCORE = `import json

def init():
    pass

def run(raw_data):
    request = json.loads(raw_data)
    return {"predictions": [
        {"labels": ["positive" if "good" in item["text"] else "negative"], "score": 0.9}
        for item in request["items"]
    ]}
`;

// Probes quick enough for a test; the defaults are Azure's 10 s periods.
const FAST_PROBE = { period: 0.5, initial_delay: 0, timeout: 2, failure_threshold: 100 };

type TRestItem = { id: string; key: string; status: string };
type TRestDetail = { annotations: { state: string; result: { labels?: string[] } | null }[] };

async function defaultWorkspace(request: APIRequestContext, token: string): Promise<string> {
  const list = (await (await request.get("/api/v1/workspaces", { headers: bearer(token) })).json()) as {
    id: string;
    name: string;
  }[];
  return list.find((w) => w.name === "default")!.id;
}

/** A data version through the public upload API: an upload, each file's bytes, the commit. */
async function uploadData(
  request: APIRequestContext,
  token: string,
  workspaceId: string,
  target: { name: string; type?: "table" },
  files: Record<string, Buffer>,
) {
  const base = `/api/v1/workspaces/${workspaceId}/data/uploads`;
  const created = await request.post(base, {
    headers: bearer(token),
    data: { ...target, files: Object.entries(files).map(([p, body]) => ({ path: p, size: body.length })) },
  });
  expect(created.status(), await created.text()).toBe(200);
  const upload = (await created.json()) as { uploadId: string; files: { index: number; path: string }[] };
  for (const file of upload.files) {
    const put = await request.put(`${base}/${upload.uploadId}/files/${file.index}?offset=0`, {
      headers: { ...bearer(token), "content-type": "application/octet-stream" },
      data: files[file.path]!,
    });
    expect(put.status(), await put.text()).toBe(200);
  }
  const commit = await request.post(`${base}/${upload.uploadId}/commit`, { headers: bearer(token), data: {} });
  expect(commit.status(), await commit.text()).toBe(200);
}

/** What each person submitted for every item, read back through REST, by item key. */
async function submittedLabels(request: APIRequestContext, token: string, workspaceId: string, project: string) {
  const base = `/api/v1/workspaces/${workspaceId}/labeling/${project}/items`;
  const list = (await (await request.get(base, { headers: bearer(token) })).json()) as { items: TRestItem[] };
  const labels: Record<string, string[][]> = {};
  for (const item of list.items) {
    const detail = (await (await request.get(`${base}/${item.id}`, { headers: bearer(token) })).json()) as TRestDetail;
    labels[item.key] = detail.annotations.filter((a) => a.state === "submitted").map((a) => a.result?.labels ?? []);
  }
  return labels;
}

// An endpoint with a score.py deployment and two projects seeded through REST; in the studio: the
// settings ask the endpoint for suggestions, the labeler accepts each with `a` and submits with
// ctrl+enter, and an image project is labeled with number keys alone.
test("ML assist suggestions accepted with a key, and images labeled with number keys", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = await defaultWorkspace(request, token);
  const stamp = Date.now();
  const endpoint = `assist-${stamp}`.slice(0, 32);
  const api = `/api/v1/workspaces/${ws}`;

  const home = mkdtempSync(path.join(tmpdir(), "crucible-studio-assist-"));
  mkdirSync(path.join(home, "model"));
  writeFileSync(path.join(home, "model", "weights.txt"), "w1");
  const env = { HOME: home, CRUCIBLE_URL: baseURL!, CRUCIBLE_TOKEN: token, CRUCIBLE_WORKSPACE: "default" };
  const registered = await runCli(["model", "create", "--name", `sentiment-${stamp}`, "--path", "model"], env, home);
  expect(registered.code, registered.stderr).toBe(0);

  const created = await request.post(`${api}/online-endpoints`, {
    headers: bearer(token),
    data: { name: endpoint, description: "Sentiment suggestions for labeling" },
  });
  expect(created.status(), await created.text()).toBe(200);
  const deployed = await request.post(`${api}/online-endpoints/${endpoint}/deployments`, {
    headers: bearer(token),
    data: {
      name: "blue",
      model: `sentiment-${stamp}:1`,
      code_configuration: { code: { "score.py": SCORE }, scoring_script: "score.py" },
      liveness_probe: FAST_PROBE,
      readiness_probe: FAST_PROBE,
    },
  });
  expect(deployed.status(), await deployed.text()).toBe(200);
  let instanceIds: string[] = [];
  await expect
    .poll(
      async () => {
        const found = await request.get(`${api}/online-endpoints/${endpoint}`, { headers: bearer(token) });
        const body = (await found.json()) as {
          deployments: { name: string; state: string; instances: { id: string }[] }[];
        };
        const blue = body.deployments.find((d) => d.name === "blue");
        instanceIds = blue?.instances.map((i) => i.id) ?? [];
        return blue?.state;
      },
      { timeout: 180_000, intervals: [500] },
    )
    .toBe("Ready");
  const traffic = await request.patch(`${api}/online-endpoints/${endpoint}`, {
    headers: bearer(token),
    data: { traffic: { blue: 100 } },
  });
  expect(traffic.status(), await traffic.text()).toBe(200);

  const reviews = `reviews-${stamp}`;
  await uploadData(
    request,
    token,
    ws,
    { name: reviews, type: "table" },
    {
      "reviews.csv": Buffer.from("id,text\n1,A good phone\n2,Bad battery\n3,good value for money\n"),
    },
  );
  const sentiment = `sentiment-${stamp}`;
  const textProject = await request.post(`${api}/labeling`, {
    headers: bearer(token),
    data: {
      name: sentiment,
      taskType: "textClassification",
      labels: [{ name: "positive" }, { name: "negative" }],
      data: `${reviews}:1`,
      assistEndpoint: endpoint,
    },
  });
  expect(textProject.status(), await textProject.text()).toBe(200);

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${ws}/labeling/${sentiment}`);
  await page.getByRole("tab", { name: "Settings" }).click();
  await expect(page.getByLabel("ML assist endpoint")).toHaveValue(endpoint);
  await page.getByRole("button", { name: "Suggest labels for the next 20 items" }).click();
  await expect(page.getByText("3 suggestion(s) saved, 0 refused as invalid.")).toBeVisible({ timeout: 30_000 });
  await screenshot(page, "assist-01-suggested");

  // Each item shows its suggestion; `a` takes it and ctrl+enter submits it.
  await page.getByRole("link", { name: "Start labeling" }).click();
  const suggestions = page.getByRole("region", { name: "Suggestions" });
  const palette = page.getByRole("region", { name: "Labels" });
  await expect(page.getByTestId("item-key")).toHaveText("reviews.csv#1");
  await expect(page.getByText("A good phone")).toBeVisible();
  await expect(suggestions).toContainText("Suggested: positive (90%)");
  await expect(suggestions).toContainText(`from endpoint:${endpoint}`);
  await expect(palette.getByRole("button", { name: /positive/ })).toHaveAttribute("aria-pressed", "false");
  await screenshot(page, "assist-02-suggestion");
  await page.keyboard.press("a");
  await expect(palette.getByRole("button", { name: /positive/ })).toHaveAttribute("aria-pressed", "true");
  await screenshot(page, "assist-03-accepted");
  await page.keyboard.press("Control+Enter");

  await expect(page.getByTestId("item-key")).toHaveText("reviews.csv#2");
  await expect(suggestions).toContainText("Suggested: negative (90%)");
  await expect(palette.getByRole("button", { name: /negative/ })).toHaveAttribute("aria-pressed", "false");
  await screenshot(page, "assist-04-next-suggestion");
  await page.keyboard.press("a");
  await expect(palette.getByRole("button", { name: /negative/ })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Control+Enter");

  // The third is corrected by hand: a suggestion is only a starting point.
  await expect(page.getByTestId("item-key")).toHaveText("reviews.csv#3");
  await expect(suggestions).toContainText("Suggested: positive (90%)");
  await page.keyboard.press("2");
  await expect(palette.getByRole("button", { name: /negative/ })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByText("Nothing left for you in this project")).toBeVisible();
  await expect(page.getByTestId("progress-line")).toContainText("0 of 3 done · 3 to review");
  await screenshot(page, "assist-05-done");
  expect(await submittedLabels(request, token, ws, sentiment)).toEqual({
    "reviews.csv#1": [["positive"]],
    "reviews.csv#2": [["negative"]],
    "reviews.csv#3": [["negative"]],
  });

  // An image project without ML assist: number keys pick the label, ctrl+enter submits.
  const pets = `pets-${stamp}`;
  await uploadData(
    request,
    token,
    ws,
    { name: pets },
    {
      "1.png": solidPng(64, 48, [200, 80, 40]),
      "2.png": solidPng(64, 48, [40, 80, 200]),
      "3.png": solidPng(64, 48, [40, 160, 80]),
    },
  );
  const petsProject = await request.post(`${api}/labeling`, {
    headers: bearer(token),
    data: {
      name: pets,
      taskType: "imageClassification",
      labels: [{ name: "cat" }, { name: "dog" }],
      data: `${pets}:1`,
    },
  });
  expect(petsProject.status(), await petsProject.text()).toBe(200);
  await page.goto(`/w/${ws}/labeling/${pets}/label`);
  for (const [key, hotkey, label] of [
    ["1.png", "1", "cat"],
    ["2.png", "2", "dog"],
    ["3.png", "1", "cat"],
  ] as const) {
    await expect(page.getByTestId("item-key")).toHaveText(key);
    await expect(page.getByRole("region", { name: "Suggestions" })).toHaveCount(0);
    await page.keyboard.press(hotkey);
    await expect(palette.getByRole("button", { name: new RegExp(label) })).toHaveAttribute("aria-pressed", "true");
    if (key === "2.png") await screenshot(page, "assist-06-image-key");
    await page.keyboard.press("Control+Enter");
  }
  await expect(page.getByText("Nothing left for you in this project")).toBeVisible();
  expect(await submittedLabels(request, token, ws, pets)).toEqual({
    "1.png": [["cat"]],
    "2.png": [["dog"]],
    "3.png": [["cat"]],
  });

  // The worker removes a deleted endpoint's container on its next pass; waiting for that keeps the
  // server's shutdown after the test from leaving it running.
  expect(instanceIds).toHaveLength(1);
  const docker = new Docker({ socketPath: "/var/run/docker.sock" });
  const containers = async () =>
    (await docker.listContainers({ all: true, filters: { label: [`crucible.endpoint-instance=${instanceIds[0]}`] } }))
      .length;
  expect(await containers()).toBe(1);
  const removed = await request.delete(`${api}/online-endpoints/${endpoint}`, { headers: bearer(token) });
  expect(removed.status(), await removed.text()).toBe(200);
  await expect.poll(containers, { timeout: 60_000, intervals: [500] }).toBe(0);
});
