import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { handleMlflowArtifacts } from "../server/mlflow/artifact-proxy";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import { createApiToken } from "../server/services/tokens/create-api-token";
import { createUser, workspaceWithRoles, type TTestUser } from "./helpers/actors";
import { mlflowClient } from "./helpers/mlflow";

let ws: { id: string; name: string };
let owner: TTestUser;
let token: string;
let call: ReturnType<typeof mlflowClient>;

beforeAll(async () => {
  owner = await createUser("registry-owner");
  ws = (await workspaceWithRoles(owner)).workspace;
  token = (await createApiToken(owner.id, "mlflow")).token;
  call = mlflowClient(ws.name, token);
});

async function runWithModel(files: Record<string, string>, folder = "model") {
  const experimentId = (await call("POST", "experiments/create", { name: `registry-${Date.now()}-${Math.random()}` }))
    .body.experiment_id as string;
  const runId = (await call("POST", "runs/create", { experiment_id: experimentId })).body.run.info.run_id as string;
  for (const [p, content] of Object.entries(files))
    await uploadArtifact(ws.id, runId, `${folder}/${p}`, Readable.from([Buffer.from(content)]));
  return { experimentId, runId };
}

/** GET on the artifact service, as the client's MlflowArtifactsRepository sends it. */
async function artifactGet(path: string, listPath?: string) {
  const query = listPath === undefined ? "" : `?path=${encodeURIComponent(listPath)}`;
  const url = `http://studio.test/mlflow/${ws.name}/api/2.0/mlflow-artifacts/artifacts/${path}${query}`;
  const response = await handleMlflowArtifacts(
    new Request(url, { headers: { authorization: `Bearer ${token}` } }),
    ws.name,
    path ? path.split("/") : [],
  );
  return response;
}

describe("MLflow registered models", () => {
  it("create, get, rename, update, tags, search with filters and pages, delete", async () => {
    const created = await call("POST", "registered-models/create", {
      name: "reg-a",
      description: "first",
      tags: [{ key: "team", value: "vision" }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.registered_model).toMatchObject({
      name: "reg-a",
      description: "first",
      tags: [{ key: "team", value: "vision" }],
      aliases: [],
    });
    const again = await call("POST", "registered-models/create", { name: "reg-a" });
    expect(again).toMatchObject({ status: 400, body: { error_code: "RESOURCE_ALREADY_EXISTS" } });
    const missing = await call("GET", "registered-models/get", { name: "nope" });
    expect(missing).toMatchObject({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST", message: "Registered model 'nope' not found" },
    });
    expect((await call("POST", "registered-models/create", { name: "" })).body.error_code).toBe(
      "INVALID_PARAMETER_VALUE",
    );

    await call("POST", "registered-models/create", { name: "reg-b" });
    await call("POST", "registered-models/create", { name: "other-c" });
    const renamed = await call("POST", "registered-models/rename", { name: "reg-b", new_name: "reg-bb" });
    expect(renamed.body.registered_model.name).toBe("reg-bb");
    expect(
      (await call("POST", "registered-models/rename", { name: "reg-bb", new_name: "reg-a" })).body.error_code,
    ).toBe("RESOURCE_ALREADY_EXISTS");
    const updated = await call("PATCH", "registered-models/update", { name: "reg-bb", description: "second" });
    expect(updated.body.registered_model.description).toBe("second");
    expect(
      (await call("POST", "registered-models/set-tag", { name: "reg-bb", key: "team", value: "nlp" })).status,
    ).toBe(200);

    const like = await call("GET", "registered-models/search", { filter: "name LIKE 'reg-%'", order_by: "name ASC" });
    expect(like.body.registered_models.map((m: { name: string }) => m.name)).toEqual(["reg-a", "reg-bb"]);
    const byTag = await call("GET", "registered-models/search", { filter: "tags.team = 'nlp'" });
    expect(byTag.body.registered_models.map((m: { name: string }) => m.name)).toEqual(["reg-bb"]);
    const exact = await call("GET", "registered-models/search", { filter: "name = 'other-c'" });
    expect(exact.body.registered_models).toHaveLength(1);
    const page1 = await call("GET", "registered-models/search", { max_results: 2, order_by: ["name DESC"] });
    expect(page1.body.registered_models.map((m: { name: string }) => m.name)).toEqual(["reg-bb", "reg-a"]);
    const page2 = await call("GET", "registered-models/search", {
      max_results: 2,
      order_by: ["name DESC"],
      page_token: page1.body.next_page_token,
    });
    expect(page2.body.registered_models.map((m: { name: string }) => m.name)).toEqual(["other-c"]);
    expect(page2.body.next_page_token).toBeUndefined();
    const bad = await call("GET", "registered-models/search", { filter: "name = 'x' OR name = 'y'" });
    expect(bad).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });

    expect((await call("DELETE", "registered-models/delete-tag", { name: "reg-bb", key: "team" })).status).toBe(200);
    expect((await call("DELETE", "registered-models/delete-tag", { name: "reg-bb", key: "team" })).status).toBe(404);
    expect((await call("DELETE", "registered-models/delete", { name: "other-c" })).status).toBe(200);
    expect((await call("GET", "registered-models/get", { name: "other-c" })).status).toBe(404);
  });
});

describe("MLflow model versions", () => {
  it("create from runs:/ and mlflow-artifacts:/ sources, aliases, latest versions, search, download, delete", async () => {
    const { experimentId, runId } = await runWithModel({ MLmodel: "flavors:\n  sklearn: {}\n", "model.pkl": "P1" });
    expect(
      (await call("POST", "model-versions/create", { name: "clf", source: `runs:/${runId}/model` })).body,
    ).toMatchObject({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "Registered model 'clf' not found" });
    await call("POST", "registered-models/create", { name: "clf" });
    const v1 = await call("POST", "model-versions/create", {
      name: "clf",
      source: `runs:/${runId}/model`,
      run_id: runId,
      tags: [{ key: "k", value: "v" }],
    });
    expect(v1.status, JSON.stringify(v1.body)).toBe(200);
    expect(v1.body.model_version).toMatchObject({
      name: "clf",
      version: "1",
      status: "READY",
      current_stage: "None",
      run_id: runId,
      source: `runs:/${runId}/model`,
      tags: [{ key: "k", value: "v" }],
    });
    const v2 = await call("POST", "model-versions/create", {
      name: "clf",
      source: `mlflow-artifacts:/${experimentId}/${runId}/artifacts/model`,
      run_id: runId,
    });
    expect(v2.body.model_version.version).toBe("2");
    const copied = await call("POST", "model-versions/create", { name: "clf", source: "models:/clf/1" });
    expect(copied.body.model_version).toMatchObject({ version: "3", run_id: runId });

    // A source of another run, a path outside the run, an unknown scheme.
    const other = await runWithModel({ "x.bin": "x" });
    expect(
      (
        await call("POST", "model-versions/create", {
          name: "clf",
          source: `runs:/${other.runId}/model`,
          run_id: runId,
        })
      ).body.error_code,
    ).toBe("INVALID_PARAMETER_VALUE");
    expect(
      (await call("POST", "model-versions/create", { name: "clf", source: `runs:/${runId}/../escape` })).body
        .error_code,
    ).toBe("INVALID_PARAMETER_VALUE");
    expect(
      (await call("POST", "model-versions/create", { name: "clf", source: "s3://bucket/x" })).body.error_code,
    ).toBe("INVALID_PARAMETER_VALUE");
    expect((await call("POST", "model-versions/create", { name: "clf", source: "runs:/missing/model" })).status).toBe(
      404,
    );

    expect(
      (await call("POST", "registered-models/alias", { name: "clf", alias: "champion", version: "2" })).status,
    ).toBe(200);
    const byAlias = await call("GET", "registered-models/alias", { name: "clf", alias: "champion" });
    expect(byAlias.body.model_version).toMatchObject({ version: "2", aliases: ["champion"] });
    expect((await call("POST", "registered-models/alias", { name: "clf", alias: "latest", version: "2" })).status).toBe(
      400,
    );
    expect((await call("POST", "registered-models/alias", { name: "clf", alias: "x", version: "9" })).status).toBe(404);
    const model = await call("GET", "registered-models/get", { name: "clf" });
    expect(model.body.registered_model.aliases).toEqual([{ alias: "champion", version: "2" }]);
    expect(model.body.registered_model.latest_versions.map((v: { version: string }) => v.version)).toEqual(["3"]);
    const latest = await call("POST", "registered-models/get-latest-versions", { name: "clf", stages: ["None"] });
    expect(latest.body.model_versions.map((v: { version: string }) => v.version)).toEqual(["3"]);
    expect(
      (await call("POST", "registered-models/get-latest-versions", { name: "clf", stages: ["Production"] })).body
        .model_versions,
    ).toEqual([]);

    const byRun = await call("GET", "model-versions/search", { filter: `run_id = '${runId}'` });
    expect(byRun.body.model_versions.map((v: { version: string }) => v.version)).toEqual(["3", "2", "1"]);
    const byName = await call("GET", "model-versions/search", { filter: "name='clf' and tags.k = 'v'" });
    expect(byName.body.model_versions.map((v: { version: string }) => v.version)).toEqual(["1"]);

    expect(
      (await call("PATCH", "model-versions/update", { name: "clf", version: "1", description: "d" })).body.model_version
        .description,
    ).toBe("d");
    expect(
      (await call("POST", "model-versions/set-tag", { name: "clf", version: "1", key: "a", value: "b" })).status,
    ).toBe(200);
    expect((await call("DELETE", "model-versions/delete-tag", { name: "clf", version: "1", key: "a" })).status).toBe(
      200,
    );
    const staged = await call("POST", "model-versions/transition-stage", {
      name: "clf",
      version: "1",
      stage: "Archived",
      archive_existing_versions: false,
    });
    expect(staged.body.model_version.current_stage).toBe("Archived");
    expect(
      (await call("POST", "model-versions/transition-stage", { name: "clf", version: "1", stage: "Nowhere" })).status,
    ).toBe(400);

    // What the client does for models:/clf@champion: the download URI, then list and fetch through the artifact service.
    const uri = (await call("GET", "model-versions/get-download-uri", { name: "clf", version: "2" })).body
      .artifact_uri as string;
    expect(uri).toMatch(/^mlflow-artifacts:\/registry\/[^/]+$/);
    const root = uri.replace("mlflow-artifacts:/", "");
    const listing = await artifactGet("", root);
    expect(await listing.json()).toEqual({
      files: [
        { path: "MLmodel", is_dir: false, file_size: "flavors:\n  sklearn: {}\n".length },
        { path: "model.pkl", is_dir: false, file_size: 2 },
      ],
    });
    expect(await (await artifactGet(`${root}/model.pkl`)).text()).toBe("P1");
    expect((await artifactGet(`${root}/nope`)).status).toBe(404);
    expect((await artifactGet("registry/not-a-version/model.pkl")).status).toBe(404);

    expect((await call("DELETE", "model-versions/delete", { name: "clf", version: "2" })).status).toBe(200);
    expect((await call("GET", "model-versions/get", { name: "clf", version: "2" })).status).toBe(404);
    expect((await call("GET", "registered-models/alias", { name: "clf", alias: "champion" })).status).toBe(404);
    expect((await call("GET", "model-versions/get", { name: "clf", version: "abc" })).status).toBe(400);
  });

  it("keeps a Reader to reading and a Data Scientist from deleting", async () => {
    const setup = await workspaceWithRoles(await createUser("roles-registry"));
    const readerCall = mlflowClient(setup.workspace.name, (await createApiToken(setup.members.Reader.id, "r")).token);
    const scientistCall = mlflowClient(
      setup.workspace.name,
      (await createApiToken(setup.members.DataScientist.id, "d")).token,
    );
    expect((await scientistCall("POST", "registered-models/create", { name: "m" })).status).toBe(200);
    expect((await readerCall("GET", "registered-models/get", { name: "m" })).status).toBe(200);
    expect((await readerCall("POST", "registered-models/create", { name: "n" })).body.error_code).toBe(
      "PERMISSION_DENIED",
    );
    expect((await scientistCall("DELETE", "registered-models/delete", { name: "m" })).body.error_code).toBe(
      "PERMISSION_DENIED",
    );
  });
});
