// Where the time of the benchmark's `runs/search` goes: the whole call over HTTP, then each stage
// of it in this process on the same database (token and workspace look-up, permission check, the
// search in memory, and for comparison the same search in SQL, the views and the datasets read on
// their own, the MLflow views, JSON encoding), and the SQL page statement's time and plan.
// The database and its 10,000 runs, set up as `bench:mlflow` sets them up, are kept in
// .crucible-bench-search-profile/ between runs (BENCH_FRESH=1 starts over).
// Usage: npm run build && npx tsx --conditions=react-server bench/search-profile.ts
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres } from "../server/database/embedded-postgres";
import { OwnStudio } from "../scripts/own-studio";
import { freePort } from "./free-port";
import { loadClient } from "./load-client";
import { CLIENTS, searchBody, setUpSearchRuns, SEARCH_PAGE, SEARCH_WARM_UP_MS } from "./mlflow-workload";
import { settle } from "./settle";
import { summarise } from "./stats";

const CALLS = Number(process.env.PROFILE_CALLS ?? 50);
const ADMIN = { email: "profile@crucible.local", password: "profile-password" };
const WORKSPACE = "search-profile";
const EXPERIMENT = "bench-search";

async function timed(label: string, call: () => Promise<unknown>, rows: [string, number][], warmUpMs = 0) {
  const warm = performance.now() + warmUpMs;
  do await call();
  while (performance.now() < warm);
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    await call();
    times.push(performance.now() - t0);
  }
  rows.push([label, summarise(times).p50]);
}

async function main() {
  const home = path.resolve(".crucible-bench-search-profile");
  if (process.env.BENCH_FRESH) fs.rmSync(home, { recursive: true, force: true });
  const server = await startEmbeddedPostgres(path.join(home, "pg"));
  const databaseUrl = await ensureDatabase(server.url, "crucible");
  const studio = new OwnStudio(await freePort(), path.join(home, "studio"), {
    DATABASE_URL: databaseUrl,
    CRUCIBLE_ADMIN_EMAIL: ADMIN.email,
    CRUCIBLE_ADMIN_PASSWORD: ADMIN.password,
  });
  const child = studio.start();
  const sql = new pg.Client({ connectionString: databaseUrl });
  try {
    await studio.waitHealthy();
    await sql.connect();
    const rest = async (method: string, p: string, token: string | null, body?: unknown) => {
      const response = await fetch(`${studio.url}/api/v1${p}`, {
        method,
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${p}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<Record<string, string>>;
    };
    const token = (await rest("POST", "/auth/token", null, { ...ADMIN, name: "profile" })).token!;
    const found = await sql.query<{ id: string; experimentId: string | null }>(
      `SELECT w."id", e."id" AS "experimentId" FROM "Workspace" w
       LEFT JOIN "Experiment" e ON e."workspaceId" = w."id" AND e."name" = $2 WHERE w."name" = $1`,
      [WORKSPACE, EXPERIMENT],
    );
    const workspaceId = found.rows[0]?.id ?? (await rest("POST", "/workspaces", token, { name: WORKSPACE })).id!;
    const apiPath = `/mlflow/${workspaceId}/api/2.0/mlflow`;
    const call = loadClient(studio.url, token, CLIENTS);
    let experimentId = found.rows[0]?.experimentId;
    if (!experimentId) {
      console.log("setting up 10,000 runs through the MLflow API…");
      experimentId = await setUpSearchRuns({ name: "Crucible", call, apiPath, databaseUrl }, EXPERIMENT);
      await settle(databaseUrl);
    }
    const body = searchBody(experimentId);
    const rows: [string, number][] = [];

    // Warmed up as bench:mlflow warms up: the first searches load the experiment's runs into memory.
    await timed(
      "HTTP runs/search, whole call",
      () => call("POST", `${apiPath}/runs/search`, body),
      rows,
      SEARCH_WARM_UP_MS,
    );
    const answer = await call("POST", `${apiPath}/runs/search`, body);
    if ((JSON.parse(answer) as { runs: unknown[] }).runs.length !== SEARCH_PAGE) throw new Error("short page");
    await timed(
      "HTTP experiments/get (baseline: auth + HTTP)",
      () => call("GET", `${apiPath}/experiments/get?experiment_id=${experimentId}`),
      rows,
    );

    // The same stages in this process, on the same database.
    process.env.DATABASE_URL = databaseUrl;
    const { resolveMlflowContext, authorizeMlflow } = await import("../server/mlflow/mlflow-context");
    const { searchRuns, searchRunsInSql } = await import("../server/services/runs/search-runs");
    const { loadRunViews } = await import("../server/services/runs/run-view");
    const { listDatasetInputs } = await import("../server/services/runs/dataset-inputs");
    const { runView } = await import("../server/mlflow/mlflow-views");
    const { stringifyMlflowJson } = await import("../server/mlflow/mlflow-json");
    const { dispatchMlflow } = await import("../server/mlflow/dispatch");
    const { searchPool, closeDb } = await import("../server/db");

    const headers = new Headers({ authorization: `Bearer ${token}` });
    const ctx = await resolveMlflowContext(headers, workspaceId);
    const input = {
      experimentIds: body.experiment_ids,
      filter: body.filter,
      orderBy: body.order_by,
      view: "active" as const,
      maxResults: body.max_results,
    };
    const ids = (await searchRuns(workspaceId, input, { isWithDatasetInputs: true })).runs.map((r) => r.id);
    const views = await loadRunViews(ids);
    const inputs = await listDatasetInputs(ids);
    const mapped = { runs: views.map((r) => runView(r, inputs[r.id])) };

    await timed(
      "in process: dispatchMlflow, whole call",
      async () => {
        const req = new Request(`http://x${apiPath}/runs/search`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        await (await dispatchMlflow(req, workspaceId, "runs/search")).text();
      },
      rows,
      SEARCH_WARM_UP_MS, // this process loads the experiment's runs too
    );
    await timed("  resolveMlflowContext (token, workspace)", () => resolveMlflowContext(headers, workspaceId), rows);
    await timed("  authorizeMlflow", () => authorizeMlflow(ctx, "experiment:read"), rows);
    await timed(
      "  searchRuns (in memory, then datasets)",
      () => searchRuns(workspaceId, input, { isWithDatasetInputs: true }),
      rows,
    );
    await timed(
      "    for comparison: searchRunsInSql",
      () => searchRunsInSql(workspaceId, input, { isWithDatasetInputs: true }),
      rows,
    );
    await timed("    for comparison: loadRunViews (100 runs)", () => loadRunViews(ids), rows);
    await timed("    for comparison: listDatasetInputs", () => listDatasetInputs(ids), rows);
    await timed("  runView × 100 (MLflow shape)", async () => views.map((r) => runView(r, inputs[r.id])), rows);
    await timed("  stringifyMlflowJson", async () => stringifyMlflowJson(mapped), rows);

    console.log(`\nruns/search: ${CALLS} calls each, p50; answer ${(answer.length / 1024).toFixed(1)} kB\n`);
    for (const [label, p50] of rows) console.log(`${label.padEnd(48)} ${p50.toFixed(2).padStart(8)} ms`);

    // The SQL page statement's plan: searchPool's first query captured as searchRunsInSql sends it.
    const pool = searchPool();
    const query = pool.query.bind(pool) as (text: string, values: unknown[]) => Promise<unknown>;
    let captured: { text: string; values: unknown[] } | undefined;
    (pool as unknown as { query: typeof query }).query = (text, values) => {
      captured ??= { text, values };
      return query(text, values);
    };
    await searchRunsInSql(workspaceId, input, { isWithDatasetInputs: true });
    const pageRows: [string, number][] = [];
    await timed("the page statement alone", () => query(captured!.text, captured!.values), pageRows);
    for (const [label, p50] of pageRows) console.log(`${label.padEnd(48)} ${p50.toFixed(2).padStart(8)} ms`);
    // On the search pool's connections, whose planner settings the search runs under.
    const plan = (await query(`EXPLAIN (ANALYZE, BUFFERS) ${captured!.text}`, captured!.values)) as {
      rows: { "QUERY PLAN": string }[];
    };
    console.log(`\n${captured!.text.trim()}\n`);
    for (const r of plan.rows) console.log(r["QUERY PLAN"]);

    await closeDb();
  } finally {
    await sql.end().catch(() => undefined);
    await studio.stop(child, "SIGTERM");
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
