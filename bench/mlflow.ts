// Crucible against a real MLflow server, side by side on one machine and one PostgreSQL server
// (a database each), with the same MLflow REST requests, one system after the other:
//   1. ingestion: 20 clients logging 1,000-point batches for BENCH_SECONDS (default 30)
//   2. small batches: 20 clients logging 10-point batches, p50 and p99
//   3. runs/search with a filter and an order_by over 10,000 runs in one experiment, p50
//   4. metrics/get-history of a 100,000-point metric, p50
// Usage: npm run build && npm run bench:mlflow   (installs the pinned MLflow into .crucible-bench-venv/ first)
import { ensureDatabase } from "../server/database/embedded-postgres";
import { startBenchStudio } from "./bench-studio";
import { comparisonTable } from "./comparison-table";
import { freePort } from "./free-port";
import { loadClient } from "./load-client";
import { ensureMlflowVenv, startMlflowServer } from "./mlflow-server";
import {
  CLIENTS,
  HISTORY_POINTS,
  runMlflowWorkload,
  SEARCH_FILTER,
  SEARCH_ORDER,
  SEARCH_WARM_UP_MS,
  SEARCH_PAGE,
  SEARCH_RUNS,
} from "./mlflow-workload";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);

async function main() {
  if (!(SECONDS > 0 && SECONDS <= 600)) throw new Error("BENCH_SECONDS must be between 1 and 600");
  ensureMlflowVenv();
  const bench = await startBenchStudio("mlflow", await freePort());
  let mlflow: Awaited<ReturnType<typeof startMlflowServer>> | undefined;
  try {
    const mlflowDatabaseUrl = await ensureDatabase(bench.databaseUrl, "mlflow");
    mlflow = await startMlflowServer(mlflowDatabaseUrl, bench.home, CLIENTS);
    console.log(
      `MLflow ${mlflow.version} on ${mlflow.url} (${mlflow.workers} workers), Crucible on ${bench.url}, one PostgreSQL server`,
    );

    const crucible = await runMlflowWorkload(
      {
        name: "Crucible",
        call: loadClient(bench.url, bench.token, CLIENTS),
        apiPath: `/mlflow/${bench.workspaceId}/api/2.0/mlflow`,
        databaseUrl: bench.databaseUrl,
      },
      SECONDS,
    );
    const theirs = await runMlflowWorkload(
      {
        name: "MLflow",
        call: loadClient(mlflow.url, null, CLIENTS),
        apiPath: "/api/2.0/mlflow",
        databaseUrl: mlflowDatabaseUrl,
      },
      SECONDS,
    );

    console.log(`\n# Crucible vs MLflow ${mlflow.version}: ${CLIENTS} clients, ${SECONDS} s per load phase`);
    console.log(
      `search: ${SEARCH_RUNS.toLocaleString("en")} runs, filter "${SEARCH_FILTER}", order_by "${SEARCH_ORDER}", max_results ${SEARCH_PAGE}`,
    );
    console.log(`history: ${HISTORY_POINTS.toLocaleString("en")} points read in pages of 25,000`);
    console.log(
      `set-up of the ${SEARCH_RUNS.toLocaleString("en")} runs took ${crucible.searchSetupSeconds.toFixed(0)} s on Crucible, ${theirs.searchSetupSeconds.toFixed(0)} s on MLflow`,
    );
    console.log(
      `first search of the experiment: ${crucible.firstSearchMs.toFixed(0)} ms on Crucible, ${theirs.firstSearchMs.toFixed(0)} ms on MLflow; then ${SEARCH_WARM_UP_MS / 1000} s of warm-up searches on each before the timed ones`,
    );
    console.log(
      "ratio: how many times better Crucible is (throughput: Crucible / MLflow; latency: MLflow / Crucible)\n",
    );
    console.log(
      comparisonTable([
        {
          measure: "ingestion, 1,000-point log-batch",
          unit: "points/s",
          crucible: crucible.ingestion.pointsPerSecond,
          mlflow: theirs.ingestion.pointsPerSecond,
          better: "higher",
          goal: 5,
          goalText: "≥ 5×",
        },
        {
          measure: "small batches (10 points), p50",
          unit: "ms",
          crucible: crucible.small.p50,
          mlflow: theirs.small.p50,
          better: "lower",
          goal: 3,
          goalText: "≥ 3× (p50 ≤ 1/3)",
        },
        {
          measure: "small batches (10 points), p99",
          unit: "ms",
          crucible: crucible.small.p99,
          mlflow: theirs.small.p99,
          better: "lower",
        },
        {
          measure: `search-runs over ${SEARCH_RUNS.toLocaleString("en")} runs, p50`,
          unit: "ms",
          crucible: crucible.search.p50,
          mlflow: theirs.search.p50,
          better: "lower",
          goal: 10,
          goalText: "≥ 10×",
        },
        {
          measure: `get-history, ${HISTORY_POINTS.toLocaleString("en")} points, p50`,
          unit: "ms",
          crucible: crucible.history.p50,
          mlflow: theirs.history.p50,
          better: "lower",
        },
      ]),
    );
  } finally {
    await mlflow?.stop();
    await bench.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
