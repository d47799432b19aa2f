import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import { createApiToken } from "../server/services/tokens/create-api-token";
import { createRunToken } from "../server/services/tokens/create-run-token";
import { createUser, workspaceWithRoles, type TTestUser } from "./helpers/actors";
import { mlflowClient } from "./helpers/mlflow";

let ws: { id: string; name: string };
let owner: TTestUser;
let call: ReturnType<typeof mlflowClient>;

beforeAll(async () => {
  owner = await createUser("models-owner");
  ws = (await workspaceWithRoles(owner)).workspace;
  call = mlflowClient(ws.name, (await createApiToken(owner.id, "mlflow")).token);
});

async function experimentWithRun(name: string) {
  const experimentId = (await call("POST", "experiments/create", { name: `${name}-${Date.now()}` })).body
    .experiment_id as string;
  const runId = (await call("POST", "runs/create", { experiment_id: experimentId, run_name: "train" })).body.run.info
    .run_id as string;
  return { experimentId, runId };
}

describe("MLflow 3 logged models", () => {
  it("keep a model's files in its run's artifacts, finalise it, merge tags and params, search and delete", async () => {
    const { experimentId, runId } = await experimentWithRun("models");
    const created = await call("POST", "logged-models", {
      experiment_id: experimentId,
      name: "model",
      source_run_id: runId,
      model_type: "sklearn",
      params: [{ key: "C", value: "0.5" }],
      tags: [{ key: "mlflow.user", value: "ml" }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const model = created.body.model;
    const modelId = model.info.model_id as string;
    expect(modelId).toMatch(/^m-[0-9a-f]{32}$/);
    expect(model.info).toMatchObject({
      experiment_id: experimentId,
      name: "model",
      source_run_id: runId,
      model_type: "sklearn",
      status: "LOGGED_MODEL_PENDING",
      artifact_uri: `mlflow-artifacts:/${experimentId}/${runId}/artifacts/model`,
      tags: [{ key: "mlflow.user", value: "ml" }],
    });
    expect(model.data.params).toEqual([{ key: "C", value: "0.5" }]);
    // A second model of the same name in the same run gets a folder of its own.
    const second = (
      await call("POST", "logged-models", { experiment_id: experimentId, name: "model", source_run_id: runId })
    ).body.model.info;
    expect(second.artifact_uri).toBe(`mlflow-artifacts:/${experimentId}/${runId}/artifacts/models/${second.model_id}`);

    const finalized = await call("PATCH", `logged-models/${modelId}`, {
      model_id: modelId,
      status: "LOGGED_MODEL_READY",
    });
    expect(finalized.body.model.info.status).toBe("LOGGED_MODEL_READY");
    await call("PATCH", `logged-models/${modelId}/tags`, {
      tags: [
        { key: "stage", value: "dev" },
        { key: "tmp", value: "x" },
      ],
    });
    expect((await call("DELETE", `logged-models/${modelId}/tags/tmp`)).status).toBe(200);
    await call("POST", `logged-models/${modelId}/params`, {
      model_id: modelId,
      params: [
        { key: "C", value: "0.5" },
        { key: "max_iter", value: "100" },
      ],
    });
    const changed = await call("POST", `logged-models/${modelId}/params`, {
      model_id: modelId,
      params: [{ key: "C", value: "1" }],
    });
    expect(changed).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
    const got = (await call("GET", `logged-models/${modelId}`)).body.model;
    expect(got.info.tags).toEqual([
      { key: "mlflow.user", value: "ml" },
      { key: "stage", value: "dev" },
    ]);
    expect(got.data.params).toEqual([
      { key: "C", value: "0.5" },
      { key: "max_iter", value: "100" },
    ]);

    const byTag = await call("POST", "logged-models/search", {
      experiment_ids: [experimentId],
      filter: "tags.stage = 'dev' and status = 'LOGGED_MODEL_READY'",
    });
    expect(byTag.body.models.map((m: { info: { model_id: string } }) => m.info.model_id)).toEqual([modelId]);
    const first = await call("POST", "logged-models/search", {
      experiment_ids: [experimentId],
      max_results: 1,
      order_by: [{ field_name: "creation_timestamp", ascending: true }],
    });
    expect(first.body.models[0].info.model_id).toBe(modelId);
    const next = await call("POST", "logged-models/search", {
      experiment_ids: [experimentId],
      max_results: 1,
      order_by: [{ field_name: "creation_timestamp", ascending: true }],
      page_token: first.body.next_page_token,
    });
    expect(next.body).toEqual({
      models: [expect.objectContaining({ info: expect.objectContaining({ model_id: second.model_id }) })],
    });
    expect(await call("POST", "logged-models/search", { filter: "metrics.acc > 1" })).toMatchObject({
      status: 400,
      body: { error_code: "INVALID_PARAMETER_VALUE" },
    });

    expect(
      (await call("POST", "runs/outputs", { run_id: runId, models: [{ model_id: modelId, step: 0 }] })).status,
    ).toBe(200);
    expect((await call("DELETE", `logged-models/${modelId}`)).status).toBe(200);
    expect(await call("GET", `logged-models/${modelId}`)).toMatchObject({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
    expect((await call("GET", `logged-models/${modelId}`, { allow_deleted: "true" })).body.model.info.model_id).toBe(
      modelId,
    );
    expect((await call("POST", "logged-models/search", { experiment_ids: [experimentId] })).body.models).toHaveLength(
      1,
    );
  });

  it("gives a model logged outside a run a finished run of its own", async () => {
    const { experimentId } = await experimentWithRun("standalone");
    const info = (await call("POST", "logged-models", { experiment_id: experimentId, name: "alone" })).body.model.info;
    const run = (await call("GET", "runs/get", { run_id: info.source_run_id })).body.run.info;
    expect(run).toMatchObject({ experiment_id: experimentId, run_name: "alone", status: "FINISHED" });
    expect(info.artifact_uri).toBe(`mlflow-artifacts:/${experimentId}/${info.source_run_id}/artifacts/alone`);
  });

  it("takes a folder of its own when its name's folder already holds the run's files", async () => {
    const { experimentId, runId } = await experimentWithRun("taken");
    await uploadArtifact(ws.id, runId, "model/notes.txt", Readable.from([Buffer.from("mine")]));
    const info = (
      await call("POST", "logged-models", { experiment_id: experimentId, name: "model", source_run_id: runId })
    ).body.model.info;
    expect(info.artifact_uri).toBe(`mlflow-artifacts:/${experimentId}/${runId}/artifacts/models/${info.model_id}`);
  });

  it("answers bad input with 400 and unknown models with 404, never a 500", async () => {
    const { experimentId, runId } = await experimentWithRun("bad");
    expect(await call("GET", "logged-models/not-a-model-id")).toMatchObject({
      status: 400,
      body: { error_code: "INVALID_PARAMETER_VALUE" },
    });
    expect(await call("GET", "logged-models/m-0123456789abcdef0123456789abcdef")).toMatchObject({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
    expect(await call("POST", "logged-models", { experiment_id: "nope" })).toMatchObject({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
    const other = await experimentWithRun("other");
    expect(
      await call("POST", "logged-models", { experiment_id: experimentId, source_run_id: other.runId }),
    ).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
    const modelId = (await call("POST", "logged-models", { experiment_id: experimentId, source_run_id: runId })).body
      .model.info.model_id;
    expect(await call("PATCH", `logged-models/${modelId}`, { status: "DONE" })).toMatchObject({
      status: 400,
      body: { error_code: "INVALID_PARAMETER_VALUE" },
    });
    expect(await call("PATCH", `logged-models/${modelId}/params`, {})).toMatchObject({
      status: 404,
      body: { error_code: "ENDPOINT_NOT_FOUND" },
    });
    expect(await call("POST", "logged-models/search", { page_token: "-1" })).toMatchObject({
      status: 400,
      body: { error_code: "INVALID_PARAMETER_VALUE" },
    });
  });

  it("let a run-scoped token act on its run's models only, whatever run its body names", async () => {
    const { experimentId, runId } = await experimentWithRun("scoped");
    const sibling = (await call("POST", "runs/create", { experiment_id: experimentId })).body.run.info.run_id as string;
    const mine = (await call("POST", "logged-models", { experiment_id: experimentId, source_run_id: runId })).body.model
      .info.model_id;
    const theirs = (await call("POST", "logged-models", { experiment_id: experimentId, source_run_id: sibling })).body
      .model.info.model_id;
    const scoped = mlflowClient(ws.name, await createRunToken(owner.id, ws.id, runId, 60));

    expect((await scoped("PATCH", `logged-models/${mine}/tags`, { tags: [{ key: "k", value: "v" }] })).status).toBe(
      200,
    );
    const denied = await scoped("PATCH", `logged-models/${theirs}/tags`, {
      run_id: runId,
      tags: [{ key: "k", value: "v" }],
    });
    expect(denied).toMatchObject({
      status: 403,
      body: { error_code: "PERMISSION_DENIED", message: `This token acts only on run ${runId}` },
    });
    expect(
      await scoped("PATCH", `logged-models/${theirs}`, { run_id: runId, status: "LOGGED_MODEL_READY" }),
    ).toMatchObject({ status: 403 });
  });
});

describe("MLflow system tags kept as run fields", () => {
  it("filter runs: tags.mlflow.parentRunId finds a run's children, tags.mlflow.runName its name", async () => {
    const { experimentId, runId } = await experimentWithRun("family");
    const child = (
      await call("POST", "runs/create", {
        experiment_id: experimentId,
        run_name: "kid",
        tags: [{ key: "mlflow.parentRunId", value: runId }],
      })
    ).body.run.info.run_id;
    const children = await call("POST", "runs/search", {
      experiment_ids: [experimentId],
      filter: `tags.mlflow.parentRunId = '${runId}'`,
    });
    expect(children.body.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([child]);
    const named = await call("POST", "runs/search", {
      experiment_ids: [experimentId],
      filter: "tags.mlflow.runName = 'kid'",
    });
    expect(named.body.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([child]);
  });
});
