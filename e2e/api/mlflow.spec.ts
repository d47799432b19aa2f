import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, tokenFor } from "../fixtures/api";

// The MLflow-compatible API as served: MLFLOW_TRACKING_URI=http://host/mlflow/<workspace>.
test("MLflow REST and artifact proxy under /mlflow/<workspace>", async ({ request }) => {
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = await (
    await request.post("/api/v1/workspaces", { headers: bearer(token), data: { name: `mlflow-${Date.now()}` } })
  ).json();
  const base = `/mlflow/${ws.name}/api/2.0`;
  const created = await request.post(`${base}/mlflow/experiments/create`, {
    headers: bearer(token),
    data: { name: "wine" },
  });
  expect(created.status(), await created.text()).toBe(200);
  const experimentId = (await created.json()).experiment_id;
  const run = (
    await (
      await request.post(`${base}/mlflow/runs/create`, {
        headers: bearer(token),
        data: { experiment_id: experimentId, start_time: Date.now() },
      })
    ).json()
  ).run;
  const nan = await request.post(`${base}/mlflow/runs/log-metric`, {
    headers: { ...bearer(token), "content-type": "application/json" },
    // A Buffer, so the text goes as it is: a bare NaN, as Python's json.dumps writes it.
    data: Buffer.from(
      `{"run_id": "${run.info.run_id}", "key": "rmse", "value": NaN, "timestamp": ${Date.now()}, "step": 0}`,
    ),
  });
  expect(nan.status(), await nan.text()).toBe(200);
  const got = await request.get(`${base}/mlflow/runs/get?run_id=${run.info.run_id}`, { headers: bearer(token) });
  expect(await got.text()).toContain('"value":NaN');

  const artifactPath = `${run.info.artifact_uri.replace("mlflow-artifacts:/", "")}/model/MLmodel`;
  const put = await request.put(`${base}/mlflow-artifacts/artifacts/${artifactPath}`, {
    headers: bearer(token),
    data: "flavors: {}\n",
  });
  expect(put.status(), await put.text()).toBe(200);
  const listed = await (
    await request.get(`${base}/mlflow/artifacts/list?run_id=${run.info.run_id}&path=model`, { headers: bearer(token) })
  ).json();
  expect(listed).toEqual({
    root_uri: run.info.artifact_uri,
    files: [{ path: "model/MLmodel", is_dir: false, file_size: 12 }],
  });
  const proxyList = await (
    await request.get(
      `${base}/mlflow-artifacts/artifacts?path=${encodeURIComponent(`${experimentId}/${run.info.run_id}/artifacts/model`)}`,
      { headers: bearer(token) },
    )
  ).json();
  expect(proxyList).toEqual({ files: [{ path: "MLmodel", is_dir: false, file_size: 12 }] });
  const download = await request.get(`${base}/mlflow-artifacts/artifacts/${artifactPath}`, { headers: bearer(token) });
  expect(await download.text()).toBe("flavors: {}\n");

  const anonymous = await request.post(`${base}/mlflow/experiments/search`, { data: {} });
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ error_code: "UNAUTHENTICATED" });
});
