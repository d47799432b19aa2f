import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, screenshot, signIn, signOut, tokenFor } from "../fixtures/api";
import { runCli } from "../fixtures/cli";

/** What the job saves as its model: an MLmodel with a column signature, the weights and an input example. */
const MAKE_MODEL = String.raw`import json, os, sys
out = os.path.join(os.environ["CRUCIBLE_OUTPUTS"], "model")
os.makedirs(out, exist_ok=True)
rows = sum(1 for _ in open(sys.argv[1])) - 1
with open(os.path.join(out, "MLmodel"), "w") as f:
    f.write("flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n    python_version: 3.11.2\n")
    f.write("  sklearn:\n    pickled_model: model.pkl\n    sklearn_version: 1.2.1\n")
    f.write("signature:\n")
    f.write("  inputs: '" + json.dumps([{"type": "double", "name": "sepal_length", "required": True},
                                      {"type": "string", "name": "species_hint", "required": False}]) + "'\n")
    f.write("  outputs: '" + json.dumps([{"type": "long", "required": True}]) + "'\n")
    f.write("saved_input_example_info:\n  artifact_path: input_example.json\n  type: dataframe\n")
with open(os.path.join(out, "input_example.json"), "w") as f:
    json.dump({"columns": ["sepal_length", "species_hint"], "data": [[5.1, "setosa"]]}, f)
with open(os.path.join(out, "model.pkl"), "wb") as f:
    f.write(bytes(range(256)))
print("trained on", rows, "rows; saved outputs/model")
`;

async function defaultWorkspace(request: APIRequestContext, token: string): Promise<string> {
  const list = (await (await request.get("/api/v1/workspaces", { headers: bearer(token) })).json()) as {
    id: string;
    name: string;
  }[];
  return list.find((w) => w.name === "default")!.id;
}

// A job reads a data asset and saves a model folder; the studio registers it from the run's
// outputs, a second version comes through the API, and the model, version and compare pages show
// aliases, the signature, the runs' params and the lineage back to the data. A Reader sees it all
// without the buttons that change it.
test("studio models: register from a run, alias, signature, compare and lineage; a Reader only reads", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = await defaultWorkspace(request, token);
  const home = mkdtempSync(path.join(tmpdir(), "crucible-studio-models-"));
  const env = { HOME: home, CRUCIBLE_URL: baseURL!, CRUCIBLE_TOKEN: token, CRUCIBLE_WORKSPACE: "default" };
  const cli = (...args: string[]) => runCli(args, env, home);
  const stamp = Date.now();
  const raw = `iris-raw-${stamp}`;
  const model = `iris-${stamp}`;
  const api = `/api/v1/workspaces/${ws}`;

  // An empty workspace says how to register a model.
  const empty = await (
    await request.post("/api/v1/workspaces", { headers: bearer(token), data: { name: `no-models-${stamp}` } })
  ).json();
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${empty.id}/models`);
  await expect(page.getByTestId("register-model-help")).toContainText("crucible model create --name digits");
  await screenshot(page, "models-empty");

  writeFileSync(path.join(home, "iris.csv"), "sepal_length,species\n5.1,setosa\n6.2,virginica\n");
  const created = await cli("data", "create", "--name", raw, "--type", "uri_file", "--path", "iris.csv");
  expect(created.code, created.stderr).toBe(0);
  writeFileSync(path.join(home, "make_model.py"), MAKE_MODEL);
  writeFileSync(
    path.join(home, "job.yml"),
    [
      "command: python3 make_model.py ${{inputs.raw}}",
      "code: .",
      "environment:",
      "  image: crucible-base:bookworm",
      "compute: local",
      "experiment_name: studio-models",
      "display_name: train-iris",
      "inputs:",
      "  raw:",
      "    type: uri_file",
      `    path: crucible:${raw}@latest`,
      "  lr: 0.1",
      "  epochs: 8",
    ].join("\n"),
  );
  const submitted = await cli("job", "create", "-f", "job.yml", "--json");
  expect(submitted.code, submitted.stderr).toBe(0);
  const { runId, studioUrl } = JSON.parse(submitted.stdout) as { runId: string; studioUrl: string };
  const followed = await cli("job", "logs", runId, "--follow");
  expect(followed.code, followed.stdout + followed.stderr).toBe(0);
  expect(followed.stdout).toContain("trained on 2 rows; saved outputs/model");
  const logged = await request.post(`${api}/runs/${runId}/log-batch`, {
    headers: bearer(token),
    data: { metrics: [{ key: "accuracy", value: 0.81 }] },
  });
  expect(logged.status(), await logged.text()).toBe(200);

  // Register the job's model folder from the run page.
  await page.goto(new URL(studioUrl).pathname);
  await page.getByRole("button", { name: "outputs/", exact: true }).click();
  await page.getByRole("button", { name: "Register outputs/model as a model" }).click();
  const dialog = page.getByRole("dialog", { name: "Register outputs/model as a model" });
  await expect(dialog.getByLabel("Model name")).toHaveValue("model");
  await dialog.getByLabel("Model name").fill(model);
  await dialog.getByLabel("Version description").fill("first cut");
  await screenshot(page, "models-register-dialog");
  await dialog.getByRole("button", { name: "Register" }).click();
  await expect(dialog.getByRole("status")).toContainText(`Registered ${model}:1 (mlflow_model, 3 file(s))`);
  await dialog.getByRole("link", { name: `${model}:1` }).click();
  await expect(page).toHaveURL(new RegExp(`/models/${model}/versions/1$`));

  // The version page: flavors, the signature as a table, the input example, the source run and its data.
  const inputs = page.getByRole("table", { name: "Signature inputs" });
  await expect(inputs.getByRole("row", { name: /sepal_length double/ })).toContainText("yes");
  await expect(inputs.getByRole("row", { name: /species_hint string/ })).toContainText("no");
  await expect(page.getByRole("table", { name: "Signature outputs" })).toContainText("long");
  await expect(page.getByRole("list", { name: "Flavors" })).toContainText("sklearn_version: 1.2.1");
  await expect(page.getByRole("region", { name: "MLmodel", exact: true }).getByTestId("text-preview")).toContainText(
    "setosa",
  );
  const source = page.getByRole("region", { name: "Source run and data" });
  await expect(source.getByRole("link", { name: "train-iris" })).toBeVisible();
  await expect(source.getByRole("table", { name: "Run params" })).toContainText("lr");
  await expect(source.getByRole("table", { name: "Run metrics" })).toContainText("0.81");
  await expect(source.getByRole("link", { name: `${raw}:1` })).toBeVisible();
  await page.getByRole("button", { name: "Preview MLmodel" }).click();
  await expect(page.getByRole("region", { name: "Preview of MLmodel" })).toContainText("loader_module: mlflow.sklearn");
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download model.pkl" }).click(),
  ]);
  expect(file.suggestedFilename()).toBe("model.pkl");
  await screenshot(page, "models-version");

  // A second version from another run, through the API.
  const second = await (
    await request.post(`${api}/runs`, {
      headers: bearer(token),
      data: { experimentName: "studio-models", displayName: "train-iris-lower-lr" },
    })
  ).json();
  await request.post(`${api}/runs/${second.id}/log-batch`, {
    headers: bearer(token),
    data: {
      params: [
        { key: "lr", value: "0.01" },
        { key: "epochs", value: "8" },
      ],
      metrics: [{ key: "accuracy", value: 0.93 }],
    },
  });
  for (const [name, content] of Object.entries({
    MLmodel: "flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n",
    "model.pkl": "weights-2",
  })) {
    const put = await request.put(`${api}/runs/${second.id}/artifacts/outputs/model/${name}`, {
      headers: bearer(token),
      data: Buffer.from(content),
    });
    expect(put.status(), await put.text()).toBe(200);
  }
  const registered = await request.post(`${api}/models/${model}/versions`, {
    headers: bearer(token),
    data: { runId: second.id, path: "outputs/model" },
  });
  expect(registered.status(), await registered.text()).toBe(200);
  expect((await registered.json()).version).toBe(2);

  // The model page: set the champion alias on version 2.
  await page.goto(`/w/${ws}/models/${model}`);
  const versions = page.getByRole("table", { name: "Versions" });
  await expect(versions.getByRole("row")).toHaveCount(3);
  const aliases = page.getByRole("form", { name: "Set an alias" });
  await aliases.getByLabel("Alias").fill("champion");
  await aliases.getByLabel("Version").selectOption("2");
  await aliases.getByRole("button", { name: "Set alias" }).click();
  await expect(versions.getByRole("row", { name: new RegExp(`${model}:2`) })).toContainText("@champion");
  await expect(page.getByRole("list", { name: "Aliases" })).toContainText("@champion → v2");

  // Its description is Markdown, rendered without letting HTML through.
  await page.getByRole("button", { name: "Edit description and tags" }).click();
  const edit = page.getByRole("form", { name: `Edit ${model}` });
  await edit.getByLabel("Description").fill("## Iris\n\nTrained on **two rows**. <img src=x onerror=alert(1)>");
  await edit.getByLabel("Tags").fill("team=vision");
  await edit.getByRole("button", { name: "Save" }).click();
  const description = page.getByTestId("markdown");
  await expect(description.getByRole("heading", { name: "Iris" })).toBeVisible();
  await expect(description.locator("strong")).toHaveText("two rows");
  await expect(description.locator("img")).toHaveCount(0);
  await expect(description).toContainText("<img src=x");
  await expect(page.getByText("team=vision")).toBeVisible();

  // Its lineage: version 1 came from the job, which read the data asset.
  await page.getByLabel("Lineage of version").selectOption("1");
  const graph = page.getByRole("img", { name: "Lineage graph" });
  await expect(graph.getByRole("link", { name: `Data ${raw}:1` })).toBeVisible();
  await expect(graph.getByRole("link", { name: "Run train-iris" })).toBeVisible();
  await expect(graph.getByRole("link", { name: `Model ${model}:1` })).toBeVisible();
  await screenshot(page, "models-model");

  // Compare the two versions: only what differs, then everything.
  await versions.getByLabel(`Compare ${model}:1`).check();
  await versions.getByLabel(`Compare ${model}:2`).check();
  await page.getByRole("link", { name: "Compare 2 selected" }).click();
  await expect(page).toHaveURL(new RegExp(`/models/${model}/compare\\?versions=1,2$`));
  const table = page.getByRole("table", { name: "Params side by side" });
  await expect(table.getByRole("row", { name: /^lr / })).toContainText("0.01");
  await expect(table.getByRole("row", { name: /accuracy \(last\)/ })).toContainText("0.93");
  await expect(table).not.toContainText("epochs");
  await expect(table).toContainText("@champion");
  await screenshot(page, "models-compare");
  await page.getByLabel("Differences only").uncheck();
  await expect(table.getByRole("row", { name: /^epochs / })).toContainText("8");

  // The list shows the alias, and the run page the versions registered from it.
  await page.goto(`/w/${ws}/models`);
  await page.getByLabel("Search models").fill(model);
  const row = page.getByRole("table", { name: "Registered models" }).getByRole("row", { name: new RegExp(model) });
  await expect(row).toContainText("@champion → v2");
  await expect(row).toContainText("v2 of 2");
  await screenshot(page, "models-list");
  await page.goto(new URL(studioUrl).pathname);
  await expect(page.getByRole("list", { name: "Registered model versions" })).toContainText(`${model}:1`);
  await expect(
    page.getByRole("img", { name: "Lineage graph" }).getByRole("link", { name: `Model ${model}:1` }),
  ).toBeVisible();
  await screenshot(page, "models-run-lineage");

  // A Reader reads everything and is offered nothing that changes it.
  const readerEmail = `models-reader-${stamp}@e2e.test`;
  const invite = await (
    await request.post(`${api}/invitations`, { headers: bearer(token), data: { email: readerEmail, role: "Reader" } })
  ).json();
  const accepted = await request.post(`/api/v1/invitations/${invite.inviteUrl.split("/invite/")[1]}/accept`, {
    data: { name: "Model Reader", password: "reader-password" },
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
  await signOut(page);
  await signIn(page, readerEmail, "reader-password");
  await page.goto(`/w/${ws}/models/${model}`);
  await expect(page.getByRole("table", { name: "Versions" }).getByRole("row")).toHaveCount(3);
  await expect(page.getByRole("list", { name: "Aliases" })).toContainText("@champion → v2");
  await expect(page.getByRole("form", { name: "Set an alias" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Remove alias|Delete|Archive|Edit/ })).toHaveCount(0);
  await expect(page.getByRole("img", { name: "Lineage graph" })).toBeVisible();
  await screenshot(page, "models-model-reader");
  await page.goto(new URL(studioUrl).pathname);
  await page.getByRole("button", { name: "outputs/", exact: true }).click();
  await expect(page.getByRole("button", { name: "model/", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /as a model/ })).toHaveCount(0);
});
