import { expect, test } from "@playwright/test";
import MLflow from "mlflow";
import { RunStatus } from "mlflow/enum";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, tokenFor } from "../fixtures/api";

// An MLflow client written by others against MLflow's own server (the `mlflow` package on npm),
// pointed at a workspace's MLflow URL. It prints each request body, so the test quiets console.log.
test("a third-party MLflow client tracks a run end to end", async ({ request, baseURL }) => {
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = await (
    await request.post("/api/v1/workspaces", { headers: bearer(token), data: { name: `mlflow-client-${Date.now()}` } })
  ).json();
  const log = console.log;
  console.log = () => {};
  try {
    const client = new MLflow({ endpoint: `${baseURL}/mlflow/${ws.name}`, headers: bearer(token) });
    const { Experiments, Runs, Metrics, Artifacts } = client;
    const { experiment_id } = await Experiments.create({ name: "wine-quality", artifact_location: "" });
    expect((await Experiments.get({ experiment_id })).experiment).toMatchObject({
      experiment_id,
      name: "wine-quality",
      lifecycle_stage: "active",
    });
    await Experiments.update({ experiment_id, new_name: "wine" });

    const { run } = await Runs.create({
      experiment_id,
      user_id: E2E_ADMIN.email,
      start_time: Date.now(),
      tags: [{ key: "model", value: "elasticnet" }],
    });
    const run_id = run.info.run_id;
    await Runs.logParameter({ run_id, key: "alpha", value: "0.5" });
    await Runs.setTag({ run_id, key: "stage", value: "tuning" });
    await Runs.deleteTag({ run_id, key: "stage" });
    for (let step = 0; step < 5; step++)
      await Runs.logMetric({ run_id, key: "rmse", value: 1 / (step + 1), timestamp: Date.now(), step });
    await Runs.logBatch({
      run_id,
      metrics: [{ key: "r2", value: 0.8, timestamp: Date.now(), step: 0 }],
      params: [{ key: "l1_ratio", value: "0.1" }],
      tags: [],
    });
    await Runs.update({ run_id, status: RunStatus.FINISHED, end_time: Date.now() });

    const got = (await Runs.get({ run_id })).run;
    expect(got.info).toMatchObject({ run_id, experiment_id, status: "FINISHED", lifecycle_stage: "active" });
    expect(got.data.params).toEqual(
      expect.arrayContaining([
        { key: "alpha", value: "0.5" },
        { key: "l1_ratio", value: "0.1" },
      ]),
    );
    expect(got.data.tags).toEqual(expect.arrayContaining([{ key: "model", value: "elasticnet" }]));
    expect(got.data.tags.some((t: { key: string }) => t.key === "stage")).toBe(false);
    expect(got.data.metrics).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: "rmse", value: 0.2, step: 4 })]),
    );

    const history = await Metrics.getHistory({ run_id, metric_key: "rmse" });
    expect(history.metrics.map((m: { step: number; value: number }) => [m.step, m.value])).toEqual([
      [0, 1],
      [1, 0.5],
      [2, 1 / 3],
      [3, 0.25],
      [4, 0.2],
    ]);
    const found = await Runs.search({
      experiment_ids: [experiment_id],
      filter: "metrics.rmse < 0.3 and params.alpha = '0.5'",
      order_by: ["metrics.rmse ASC"],
      max_results: 10,
    });
    expect(found.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([run_id]);
    expect(await Artifacts.list({ run_id, path: "" })).toMatchObject({ root_uri: got.info.artifact_uri });

    await Runs.delete({ run_id });
    expect((await Runs.get({ run_id })).run.info.lifecycle_stage).toBe("deleted");
    await Runs.restore({ run_id });
    await Experiments.delete({ experiment_id });
    expect((await Experiments.get({ experiment_id })).experiment.lifecycle_stage).toBe("deleted");
    await Experiments.restore({ experiment_id });
    // Errors come back as MLflow's error codes, which this client passes on in its message.
    await expect(Runs.get({ run_id: "no-such-run" })).rejects.toThrow(/RESOURCE_DOES_NOT_EXIST/);
  } finally {
    console.log = log;
  }
});
