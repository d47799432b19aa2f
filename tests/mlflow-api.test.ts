import { beforeAll, describe, expect, it } from "vitest";
import { MLFLOW_ENDPOINTS } from "../server/mlflow/dispatch";
import { BUILT_IN_ROLES, GRANTS, type BuiltInRole } from "../server/rbac/roles";
import { createApiToken } from "../server/services/tokens/create-api-token";
import { createUser, workspaceWithRoles, type TTestUser } from "./helpers/actors";
import { mlflowClient } from "./helpers/mlflow";

let ws: { id: string; name: string };
let tokens: Record<BuiltInRole, string>;
let members: Record<BuiltInRole, TTestUser>;
let call: ReturnType<typeof mlflowClient>;

beforeAll(async () => {
  const setup = await workspaceWithRoles(await createUser("owner"));
  ws = setup.workspace;
  members = setup.members;
  tokens = {} as Record<BuiltInRole, string>;
  for (const role of BUILT_IN_ROLES) tokens[role] = (await createApiToken(members[role].id, "mlflow")).token;
  call = mlflowClient(ws.name, tokens.Owner);
});

describe("MLflow experiments API", () => {
  it("creates, gets, finds by name, searches, renames, tags, deletes and restores", async () => {
    const created = await call("POST", "experiments/create", { name: "iris", tags: [{ key: "team", value: "ml" }] });
    expect(created.status).toBe(200);
    const id = created.body.experiment_id as string;
    const got = await call("GET", "experiments/get", { experiment_id: id });
    expect(got.body.experiment).toMatchObject({
      experiment_id: id,
      name: "iris",
      lifecycle_stage: "active",
      tags: [{ key: "team", value: "ml" }],
      artifact_location: `mlflow-artifacts:/${id}`,
    });
    expect(typeof got.body.experiment.creation_time).toBe("number");
    expect(
      (await call("GET", "experiments/get-by-name", { experiment_name: "iris" })).body.experiment.experiment_id,
    ).toBe(id);

    const duplicate = await call("POST", "experiments/create", { name: "iris" });
    expect(duplicate).toMatchObject({ status: 400, body: { error_code: "RESOURCE_ALREADY_EXISTS" } });

    await call("POST", "experiments/set-experiment-tag", { experiment_id: id, key: "stage", value: "dev" });
    await call("POST", "experiments/update", { experiment_id: id, new_name: "iris-v2" });
    const search = await call("POST", "experiments/search", {
      filter: "name LIKE 'iris%' and tags.stage = 'dev'",
      max_results: 10,
    });
    expect(search.body.experiments.map((e: { name: string }) => e.name)).toEqual(["iris-v2"]);

    await call("POST", "experiments/delete", { experiment_id: id });
    expect((await call("GET", "experiments/get", { experiment_id: id })).body.experiment.lifecycle_stage).toBe(
      "deleted",
    );
    expect(
      (await call("POST", "experiments/search", { view_type: "DELETED_ONLY" })).body.experiments.map(
        (e: { experiment_id: string }) => e.experiment_id,
      ),
    ).toContain(id);
    await call("POST", "experiments/restore", { experiment_id: id });
    expect((await call("GET", "experiments/get", { experiment_id: id })).body.experiment.lifecycle_stage).toBe(
      "active",
    );
  });

  it("answers missing things with RESOURCE_DOES_NOT_EXIST and 404", async () => {
    expect(await call("GET", "experiments/get", { experiment_id: "nope" })).toMatchObject({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
    expect(await call("GET", "experiments/get-by-name", { experiment_name: "nope" })).toMatchObject({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
    expect(await call("GET", "runs/get", { run_id: "nope" })).toMatchObject({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
    expect(await call("GET", "no/such-endpoint")).toMatchObject({
      status: 404,
      body: { error_code: "ENDPOINT_NOT_FOUND" },
    });
  });
});

describe("MLflow runs API", () => {
  it("runs a whole logging session as the MLflow client does", async () => {
    const experimentId = (await call("POST", "experiments/create", { name: `mnist-${Date.now()}` })).body.experiment_id;
    const start = Date.now();
    const created = await call("POST", "runs/create", {
      experiment_id: experimentId,
      run_name: "baseline",
      start_time: start,
      tags: [
        { key: "mlflow.user", value: "x" },
        { key: "model", value: "cnn" },
      ],
    });
    expect(created.status).toBe(200);
    const info = created.body.run.info;
    expect(info).toMatchObject({
      run_name: "baseline",
      experiment_id: experimentId,
      status: "RUNNING",
      start_time: start,
      lifecycle_stage: "active",
    });
    expect(info.run_uuid).toBe(info.run_id);
    const runId = info.run_id as string;

    await call("POST", "runs/log-parameter", { run_id: runId, key: "lr", value: "0.01" });
    await call("POST", "runs/log-metric", { run_id: runId, key: "loss", value: 0.5, timestamp: start + 1, step: 1 });
    // As Python's json.dumps writes it: a bare NaN.
    expect(
      (
        await call(
          "POST",
          "runs/log-metric",
          `{"run_id": "${runId}", "key": "loss", "value": NaN, "timestamp": ${start + 2}, "step": 2}`,
        )
      ).status,
    ).toBe(200);
    await call("POST", "runs/log-batch", {
      run_id: runId,
      metrics: [
        { key: "acc", value: 0.9, timestamp: start + 3, step: 3 },
        { key: "acc", value: 0.95, timestamp: start + 4, step: 4 },
      ],
      params: [{ key: "epochs", value: "5" }],
      tags: [{ key: "stage", value: "dev" }],
    });
    const dataset = {
      name: "iris",
      digest: "d41d8cd9",
      source_type: "local",
      source: '{"uri": "data/iris.csv"}',
      schema: '{"mlflow_colspec": []}',
    };
    expect(
      (
        await call("POST", "runs/log-inputs", {
          run_id: runId,
          datasets: [{ tags: [{ key: "mlflow.data.context", value: "train" }], dataset }],
        })
      ).status,
    ).toBe(200);
    // The same name and digest again updates its tags rather than adding a second input.
    await call("POST", "runs/log-inputs", {
      run_id: runId,
      datasets: [{ tags: [{ key: "mlflow.data.context", value: "eval" }], dataset }],
    });
    expect(
      (
        await call("POST", "runs/log-inputs", {
          run_id: runId,
          datasets: [{ dataset: { ...dataset, digest: "x".repeat(37) } }],
        })
      ).body.error_code,
    ).toBe("INVALID_PARAMETER_VALUE");
    await call("POST", "runs/set-tag", { run_id: runId, key: "temp", value: "1" });
    await call("POST", "runs/delete-tag", { run_id: runId, key: "temp" });

    const changed = await call("POST", "runs/log-parameter", { run_id: runId, key: "lr", value: "0.1" });
    expect(changed).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });

    const run = (await call("GET", "runs/get", { run_id: runId })).body.run;
    expect(run.data.params).toEqual(
      expect.arrayContaining([
        { key: "lr", value: "0.01" },
        { key: "epochs", value: "5" },
      ]),
    );
    const tags = Object.fromEntries(run.data.tags.map((t: { key: string; value: string }) => [t.key, t.value]));
    expect(tags).toMatchObject({ model: "cnn", stage: "dev", "mlflow.runName": "baseline" });
    expect(tags.temp).toBeUndefined();
    expect(run.inputs.dataset_inputs).toEqual([{ tags: [{ key: "mlflow.data.context", value: "eval" }], dataset }]);
    // runs/search reads its runs in a statement of its own: it shows what runs/get shows.
    const searched = await call("POST", "runs/search", {
      experiment_ids: [run.info.experiment_id],
      filter: `attributes.run_id = '${runId}'`,
    });
    expect(searched.body.runs).toEqual([run]);
    const acc = run.data.metrics.find((m: { key: string }) => m.key === "acc");
    expect(acc).toEqual({ key: "acc", value: 0.95, timestamp: start + 4, step: 4 });
    // A bare NaN on the wire, as MLflow's server writes it (the test client reads it back as "NaN").
    expect(run.data.metrics.find((m: { key: string }) => m.key === "loss").value).toBe("NaN");

    const history = await call("GET", "metrics/get-history", { run_id: runId, metric_key: "loss", max_results: 1 });
    expect(history.body.metrics).toEqual([{ key: "loss", value: 0.5, timestamp: start + 1, step: 1 }]);
    const rest = await call("GET", "metrics/get-history", {
      run_id: runId,
      metric_key: "loss",
      page_token: history.body.next_page_token,
    });
    expect(rest.body.metrics).toHaveLength(1);
    expect(rest.body.metrics[0].value).toBe("NaN");
    expect(rest.body.next_page_token).toBeUndefined();

    const ended = await call("POST", "runs/update", { run_id: runId, status: "FINISHED", end_time: start + 10_000 });
    expect(ended.body.run_info).toMatchObject({ status: "FINISHED", end_time: start + 10_000 });

    const found = await call("POST", "runs/search", {
      experiment_ids: [experimentId],
      filter: "metrics.acc > 0.9 and params.lr = '0.01' and attributes.status = 'FINISHED'",
      order_by: ["metrics.acc DESC"],
    });
    expect(found.body.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([runId]);
    const bad = await call("POST", "runs/search", { experiment_ids: [experimentId], filter: "metrics.acc >>> 1" });
    expect(bad).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });

    await call("POST", "runs/delete", { run_id: runId });
    expect((await call("GET", "runs/get", { run_id: runId })).body.run.info.lifecycle_stage).toBe("deleted");
    expect((await call("POST", "runs/search", { experiment_ids: [experimentId] })).body.runs).toEqual([]);
    await call("POST", "runs/restore", { run_id: runId });
    expect(
      (await call("POST", "runs/search", { experiment_ids: [experimentId], run_view_type: "ALL" })).body.runs,
    ).toHaveLength(1);
  });

  it("pages search results and nests child runs through mlflow.parentRunId", async () => {
    const experimentId = (await call("POST", "experiments/create", { name: `paged-${Date.now()}` })).body.experiment_id;
    const parent = (await call("POST", "runs/create", { experiment_id: experimentId, run_name: "parent" })).body.run
      .info.run_id;
    for (let i = 0; i < 3; i++)
      await call("POST", "runs/create", {
        experiment_id: experimentId,
        run_name: `child-${i}`,
        tags: [{ key: "mlflow.parentRunId", value: parent }],
      });
    const first = await call("POST", "runs/search", {
      experiment_ids: [experimentId],
      max_results: 2,
      order_by: ["attributes.run_name ASC"],
    });
    const second = await call("POST", "runs/search", {
      experiment_ids: [experimentId],
      max_results: 2,
      order_by: ["attributes.run_name ASC"],
      page_token: first.body.next_page_token,
    });
    expect(
      [...first.body.runs, ...second.body.runs].map((r: { info: { run_name: string } }) => r.info.run_name),
    ).toEqual(["child-0", "child-1", "child-2", "parent"]);
    const child = second.body.runs[0];
    expect(child.data.tags).toContainEqual({ key: "mlflow.parentRunId", value: parent });
  });

  it("filters on whole long values and sorts by params, tags and metrics, runs without the key last", async () => {
    const experimentId = (await call("POST", "experiments/create", { name: `sorted-${Date.now()}` })).body
      .experiment_id;
    // Two values alike in their first 200 characters: the index sees them as one, the filter must not.
    const shared = "x".repeat(200);
    const runs: Record<string, string> = {};
    for (const [name, tail, loss] of [
      ["a", "-one", 0.3],
      ["b", "-two", 0.1],
      ["c", "-one", null],
    ] as const) {
      const runId = (await call("POST", "runs/create", { experiment_id: experimentId, run_name: name })).body.run.info
        .run_id;
      runs[name] = runId;
      await call("POST", "runs/log-batch", {
        run_id: runId,
        params: [{ key: "long", value: shared + tail }],
        tags: [{ key: "team", value: name === "b" ? "vision" : "text" }],
        metrics: loss === null ? [] : [{ key: "loss", value: loss, timestamp: 1, step: 0 }],
      });
    }
    const names = async (body: object) =>
      (await call("POST", "runs/search", { experiment_ids: [experimentId], ...body })).body.runs.map(
        (r: { info: { run_name: string } }) => r.info.run_name,
      );
    expect(await names({ filter: `params.long = '${shared}-one'`, order_by: ["attributes.run_name"] })).toEqual([
      "a",
      "c",
    ]);
    expect(await names({ filter: `params.long = '${shared}'` })).toEqual([]);
    expect(await names({ order_by: ["metrics.loss ASC"] })).toEqual(["b", "a", "c"]);
    expect(await names({ order_by: ["metrics.loss DESC"] })).toEqual(["a", "b", "c"]);
    expect(await names({ order_by: ["tags.team DESC", "metrics.loss ASC"] })).toEqual(["b", "a", "c"]);
  });

  it("pages a metric sort across the runs that lack the metric, whatever the page size", async () => {
    const experimentId = (await call("POST", "experiments/create", { name: `metric-pages-${Date.now()}` })).body
      .experiment_id;
    for (const [name, model, loss] of [
      ["a", "cnn", 0.3],
      ["b", "cnn", 0.1],
      ["c", "cnn", null],
      ["d", "mlp", 0.2],
      ["e", "cnn", null],
      ["f", "cnn", null],
      ["g", "cnn", 0.3],
    ] as const) {
      const runId = (await call("POST", "runs/create", { experiment_id: experimentId, run_name: name })).body.run.info
        .run_id;
      await call("POST", "runs/log-batch", {
        run_id: runId,
        params: [{ key: "model", value: model }],
        metrics: loss === null ? [] : [{ key: "loss", value: loss, timestamp: 1, step: 0 }],
      });
    }
    const search = { experiment_ids: [experimentId], filter: "params.model = 'cnn'", order_by: ["metrics.loss ASC"] };
    const names = (runs: { info: { run_name: string } }[] = []) => runs.map((r) => r.info.run_name);
    const all = names((await call("POST", "runs/search", search)).body.runs);
    // Ties on the metric, and the runs without it, go newest first.
    expect(all.slice(0, 3)).toEqual(["b", "g", "a"]);
    expect(all.slice(3).sort()).toEqual(["c", "e", "f"]);
    for (const size of [1, 2, 3, 4, 5]) {
      const paged: string[] = [];
      let token: string | undefined;
      do {
        const page = await call("POST", "runs/search", { ...search, max_results: size, page_token: token });
        expect(page.status).toBe(200);
        paged.push(...names(page.body.runs));
        token = page.body.next_page_token;
      } while (token);
      expect(paged, `pages of ${size}`).toEqual(all);
    }
  });

  it("puts runs without an experiment in a Default experiment, as MLflow's experiment 0", async () => {
    const created = await call("POST", "runs/create", { run_name: "no-experiment" });
    const experiment = (await call("GET", "experiments/get", { experiment_id: created.body.run.info.experiment_id }))
      .body.experiment;
    expect(experiment.name).toBe("Default");
  });

  it("validates with MLflow's error code and names the field", async () => {
    const result = await call("POST", "runs/log-metric", { run_id: "x", key: "loss", value: "high", timestamp: 1 });
    expect(result.status).toBe(400);
    expect(result.body.error_code).toBe("INVALID_PARAMETER_VALUE");
    expect(result.body.message).toContain("value");
  });
});

describe("MLflow search grammars on hostile input", () => {
  /** `run` answered, and in under 100 ms: a pattern that backtracks would hold the event loop for minutes. */
  async function quickly<T>(what: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await run();
    const ms = performance.now() - started;
    console.log(`${what}: ${ms.toFixed(1)} ms`);
    expect(ms, what).toBeLessThan(100);
    return result;
  }

  it("answers LIKE with many wildcards, and 100,000-space filters and order_by, each in under 100 ms", async () => {
    const name = `${"a".repeat(499)}b`;
    const experimentId = (await call("POST", "experiments/create", { name })).body.experiment_id as string;
    await call("POST", "runs/create", { experiment_id: experimentId, run_name: "r" });
    await call("POST", "experiments/search", { filter: "name = 'warm-up'" });
    await call("POST", "runs/search", { experiment_ids: [experimentId], filter: "params.x = 'warm-up'" });

    const like = await quickly("LIKE '%%%%%%%%%%!'", () =>
      call("POST", "experiments/search", { filter: "name LIKE '%%%%%%%%%%!'" }),
    );
    expect(like).toMatchObject({ status: 200, body: { experiments: [] } });
    const wildcards = await quickly("LIKE with 20 wildcards", () =>
      call("POST", "experiments/search", { filter: `name LIKE '${"%a".repeat(20)}%b'` }),
    );
    expect(wildcards.body.experiments.map((e: { name: string }) => e.name)).toEqual([name]);

    const spaces = " ".repeat(100_000);
    for (const [what, endpoint, body] of [
      ["experiments filter of spaces", "experiments/search", { filter: `name = 'a'${spaces}and name = 'b'` }],
      ["experiments order_by of spaces", "experiments/search", { order_by: [`name${spaces}x`] }],
      [
        "runs filter of spaces",
        "runs/search",
        { experiment_ids: [experimentId], filter: `${spaces}params.x = 'a'${spaces}!` },
      ],
      [
        "runs order_by of spaces",
        "runs/search",
        { experiment_ids: [experimentId], order_by: [`metrics.a${spaces}b DESC`] },
      ],
      [
        "many order_by entries",
        "runs/search",
        {
          experiment_ids: [experimentId],
          order_by: Array.from({ length: 1000 }, () => `metrics.a${" ".repeat(400)}b`),
        },
      ],
    ] as const) {
      const answer = await quickly(what, () => call("POST", endpoint, body));
      expect(answer, what).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
    }
  });
});

describe("MLflow out-of-range numbers", () => {
  it("are a 400 naming the field, never a 500", async () => {
    const runId = (await call("POST", "runs/create", { run_name: "numbers" })).body.run.info.run_id as string;
    const cases: [string, string, string][] = [
      [
        "runs/log-metric",
        `{"run_id": "${runId}", "key": "m", "value": 1, "timestamp": 1, "step": 9223372036854775808}`,
        "step",
      ],
      ["runs/log-metric", `{"run_id": "${runId}", "key": "m", "value": 1, "timestamp": 1, "step": 1.5}`, "step"],
      ["runs/log-metric", `{"run_id": "${runId}", "key": "m", "value": 1, "timestamp": 1e21, "step": 1}`, "timestamp"],
      [
        "runs/log-batch",
        `{"run_id": "${runId}", "metrics": [{"key": "m", "value": 1, "timestamp": 1, "step": 1e21}]}`,
        "metrics.0.step",
      ],
      ["runs/create", `{"run_name": "x", "start_time": 8700000000000000}`, "start_time"],
      ["runs/create", `{"run_name": "x", "start_time": -1}`, "start_time"],
      ["runs/update", `{"run_id": "${runId}", "end_time": 1e20}`, "end_time"],
      ["runs/update", `{"run_id": "${runId}", "end_time": 8700000000000000}`, "end_time"],
    ];
    for (const [endpoint, body, field] of cases) {
      const answer = await call("POST", endpoint, body);
      expect([body, answer.status, answer.body.error_code]).toEqual([body, 400, "INVALID_PARAMETER_VALUE"]);
      expect(answer.body.message, body).toContain(field);
    }
  });
});

describe("MLflow authentication", () => {
  it("takes a bearer token or basic auth with the user's email and a token", async () => {
    expect((await mlflowClient(ws.id, tokens.Reader)("POST", "experiments/search")).status).toBe(200);
    expect(
      (await mlflowClient(ws.name, tokens.Reader, "basic", members.Reader.email)("POST", "experiments/search")).status,
    ).toBe(200);
    expect(
      await mlflowClient(ws.name, tokens.Reader, "basic", "someone@else.test")("POST", "experiments/search"),
    ).toMatchObject({ status: 401, body: { error_code: "UNAUTHENTICATED" } });
    expect(await mlflowClient(ws.name, null)("POST", "experiments/search")).toMatchObject({
      status: 401,
      body: { error_code: "UNAUTHENTICATED" },
    });
    expect(await mlflowClient("no-such-workspace", tokens.Owner)("POST", "experiments/search")).toMatchObject({
      status: 404,
    });
    const outsider = (await createApiToken((await createUser("outsider")).id, "x")).token;
    expect(await mlflowClient(ws.name, outsider)("POST", "experiments/search")).toMatchObject({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
  });
});

describe("MLflow endpoints × roles", () => {
  // A key may start with its method; its `{name}` segments get a value of the right shape.
  const cases = Object.entries(MLFLOW_ENDPOINTS).flatMap(([key, ep]) => {
    const path = key
      .replace(/^[A-Z]+ /, "")
      .replace("{model_id}", "m-00000000000000000000000000000000")
      .replace(/\{\w+\}/g, "x");
    return BUILT_IN_ROLES.map((role) => ({
      path,
      method: ep.methods[0]!,
      action: ep.action,
      role,
      isAllowed: (GRANTS[ep.action] as readonly BuiltInRole[]).includes(role),
    }));
  });
  it.each(cases)("$method $path as $role → allowed: $isAllowed", async ({ path, method, role, isAllowed, action }) => {
    const result = await mlflowClient(ws.name, tokens[role])(method, path, {});
    if (isAllowed) expect(result.body.error_code).not.toBe("PERMISSION_DENIED");
    else
      expect(result).toEqual({
        status: 403,
        body: { error_code: "PERMISSION_DENIED", message: `Missing permission: ${action}` },
      });
  });
});
