import { hammer, type TPoint } from "./hammer";
import type { TLoadClient } from "./load-client";
import { settle } from "./settle";
import { summarise } from "./stats";

/** One system under test, reached through MLflow's REST API under `apiPath` (…/api/2.0/mlflow). */
export type TMlflowTarget = { name: string; call: TLoadClient; apiPath: string; databaseUrl: string };

export type TWorkloadResult = Awaited<ReturnType<typeof runMlflowWorkload>>;

export const CLIENTS = 20;
export const SEARCH_RUNS = 10_000;
export const HISTORY_POINTS = 100_000;
export const SEARCH_PAGE = 100;
const MODELS = ["resnet", "vit", "mlp", "gbm"];
// One model in four and accuracy above the median: about 1,250 runs match, of which the best 100 by loss are read.
export const SEARCH_FILTER = "params.model = 'resnet' and metrics.accuracy > 0.5";
export const SEARCH_ORDER = "metrics.loss ASC";
const SETUP_LIMIT_MS = 20 * 60_000;
// A search takes 10 to 100 ms: 100 calls keep its p50 steady on a machine whose load comes and goes.
const SEARCH_CALLS = 100;
// The first search of an experiment starts loading its runs into Crucible's memory, and
// searches run in SQL until they are there (half a second for 10,000 runs); MLflow's first
// searches warm its database's caches. Both get the same warm-up, and the first call is shown.
export const SEARCH_WARM_UP_MS = 5_000;
const HISTORY_READS = 5;
const READ_PHASE_LIMIT_MS = 120_000;
const HISTORY_PAGE = 25_000; // the largest page both servers give

/**
 * The workload of `npm run bench:mlflow`, the same requests for either system: ingestion and small
 * batches through `runs/log-batch` for `seconds` each, then `runs/search` over 10,000 runs and
 * `metrics/get-history` of a 100,000-point metric, each on data set up through the same API first.
 */
export async function runMlflowWorkload(target: TMlflowTarget, seconds: number) {
  const { api, experiment, createRun, logBatch } = mlflowApi(target);

  const log = (what: string) => console.log(`[${target.name}] ${what}`);
  const loadExperiment = await experiment("bench-load");
  const loadRuns = await inPool(CLIENTS, CLIENTS, (i) => createRun(loadExperiment, `load-${i}`));

  log(`ingestion: ${CLIENTS} clients, 1,000-point batches, ${seconds} s`);
  const ingestion = await hammer(loadRuns, 1000, seconds, logBatch);
  log(`ingestion ${ingestion.pointsPerSecond.toFixed(0)} points/s (${ingestion.n} batches)`);
  await settle(target.databaseUrl);
  log(`small batches: ${CLIENTS} clients, 10-point batches, ${seconds} s`);
  const small = await hammer(loadRuns, 10, seconds, logBatch);
  log(`small batches p50 ${small.p50.toFixed(1)} ms, p99 ${small.p99.toFixed(1)} ms (${small.n} batches)`);
  await settle(target.databaseUrl);

  log(`set-up: ${SEARCH_RUNS.toLocaleString("en")} runs with params and metrics`);
  const setupStarted = performance.now();
  const searchExperiment = await setUpSearchRuns(target);
  const searchSetupSeconds = (performance.now() - setupStarted) / 1000;
  await settle(target.databaseUrl);
  const body = searchBody(searchExperiment);
  const searchOnce = async () => {
    const found = await api<{ runs?: unknown[] }>("POST", "runs/search", body);
    if (found.runs?.length !== SEARCH_PAGE)
      throw new Error(`${target.name}: runs/search found ${found.runs?.length ?? 0} runs, not ${SEARCH_PAGE}`);
  };
  const firstStarted = performance.now();
  await searchOnce();
  const firstSearchMs = performance.now() - firstStarted;
  const search = await timeCalls(SEARCH_CALLS, searchOnce, SEARCH_WARM_UP_MS);
  log(
    `runs/search first call ${firstSearchMs.toFixed(1)} ms, then p50 ${search.p50.toFixed(1)} ms (${search.n} calls)`,
  );

  log(`set-up: a ${HISTORY_POINTS.toLocaleString("en")}-point metric`);
  const historyRun = await createRun(await experiment("bench-history"), "history");
  await inPool(HISTORY_POINTS / 1000, 1, (batch) =>
    logBatch(
      historyRun,
      Array.from({ length: 1000 }, (_, i) => ({
        key: "loss",
        value: 1 / (2 + batch * 1000 + i),
        step: batch * 1000 + i,
      })),
    ),
  );
  await settle(target.databaseUrl);
  const history = await timeCalls(HISTORY_READS, async () => {
    let points = 0;
    let token: string | undefined;
    for (let page = 0; page <= HISTORY_POINTS / HISTORY_PAGE; page++) {
      const query = `run_id=${historyRun}&metric_key=loss&max_results=${HISTORY_PAGE}${token ? `&page_token=${encodeURIComponent(token)}` : ""}`;
      const answer = await api<{ metrics?: unknown[]; next_page_token?: string }>(
        "GET",
        `metrics/get-history?${query}`,
      );
      points += answer.metrics?.length ?? 0;
      token = answer.next_page_token;
      if (!token) break;
    }
    if (points !== HISTORY_POINTS)
      throw new Error(`${target.name}: metrics/get-history gave ${points} points, not ${HISTORY_POINTS}`);
  });
  log(`metrics/get-history p50 ${history.p50.toFixed(1)} ms (${history.n} reads)`);

  return { ingestion, small, search, firstSearchMs, history, searchSetupSeconds };
}

/** The few MLflow REST calls the workload makes, on one system. */
function mlflowApi(target: TMlflowTarget) {
  const api = async <T>(method: "GET" | "POST", endpoint: string, body?: unknown): Promise<T> =>
    JSON.parse(await target.call(method, `${target.apiPath}/${endpoint}`, body)) as T;
  const experiment = async (name: string) =>
    (await api<{ experiment_id: string }>("POST", "experiments/create", { name })).experiment_id;
  const createRun = async (experimentId: string, name: string) =>
    (
      await api<{ run: { info: { run_id: string } } }>("POST", "runs/create", {
        experiment_id: experimentId,
        run_name: name,
        start_time: Date.now(),
      })
    ).run.info.run_id;
  const logBatch = (runId: string, metrics: TPoint[], params: { key: string; value: string }[] = []) =>
    target.call("POST", `${target.apiPath}/runs/log-batch`, {
      run_id: runId,
      metrics: metrics.map((m) => ({ ...m, timestamp: Date.now() })),
      params,
    });

  return { api, experiment, createRun, logBatch };
}

/** The body of the timed `runs/search` call over the runs of `experimentId`. */
export function searchBody(experimentId: string) {
  return { experiment_ids: [experimentId], filter: SEARCH_FILTER, order_by: [SEARCH_ORDER], max_results: SEARCH_PAGE };
}

/** Creates the 10,000 runs of the search phase (2 params, 2 metrics each) in a new experiment; returns its id. */
export async function setUpSearchRuns(target: TMlflowTarget, experimentName = "bench-search"): Promise<string> {
  const { experiment, createRun, logBatch } = mlflowApi(target);
  const searchExperiment = await experiment(experimentName);
  await inPool(SEARCH_RUNS, CLIENTS, async (i) => {
    const runId = await createRun(searchExperiment, `search-${i}`);
    const metrics = [
      { key: "accuracy", value: Math.random(), step: 0 },
      { key: "loss", value: Math.random(), step: 0 },
    ];
    await logBatch(runId, metrics, [
      { key: "model", value: MODELS[i % MODELS.length]! },
      { key: "lr", value: String(10 ** -(1 + (i % 4))) },
    ]);
  });
  return searchExperiment;
}

/** `count` tasks, `concurrency` at a time, within the set-up time limit. */
async function inPool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  const deadline = performance.now() + SETUP_LIMIT_MS;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        if (performance.now() > deadline) throw new Error(`set-up took longer than ${SETUP_LIMIT_MS / 60_000} minutes`);
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/**
 * Warm-up calls for `warmUpMs` (one at least), then up to `calls` timed calls one after the other
 * (fewer if they pass the read phase's limit).
 */
async function timeCalls(calls: number, call: () => Promise<void>, warmUpMs = 0) {
  const warm = performance.now() + warmUpMs;
  do await call();
  while (performance.now() < warm);
  const times: number[] = [];
  const deadline = performance.now() + READ_PHASE_LIMIT_MS;
  while (times.length < calls && (times.length < 3 || performance.now() < deadline)) {
    const t0 = performance.now();
    await call();
    times.push(performance.now() - t0);
  }
  return summarise(times);
}
