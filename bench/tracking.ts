// Tracking benchmarks, each against a baseline measured in the same run on the same PostgreSQL:
//   1. ingestion: 20 clients logging 1,000-point batches through the public API, vs raw multi-row INSERTs
//   2. small batches: 20 clients logging 10-point batches (latency), as long as the reference k6 run (30 s)
//   3. history reads: a 1,000,000-point metric downsampled to 1,000 buckets; ten such runs at once
// Usage: npm run build && npm run bench:tracking   (BENCH_SECONDS=30 by default)
import pg from "pg";
import { startBenchStudio } from "./bench-studio";
import { hammer } from "./hammer";
import { loadClient } from "./load-client";
import { settle as settleTables } from "./settle";
import { ms, summarise } from "./stats";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = 20;

async function main() {
  const bench = await startBenchStudio("tracking", 3310);
  const { api, token, databaseUrl: url } = bench;
  const ws = { id: bench.workspaceId };
  try {
    const runs: string[] = [];
    for (let i = 0; i < CLIENTS; i++)
      runs.push((await api("POST", `/workspaces/${ws.id}/runs`, token, { experimentName: "bench" })).id);

    console.log(`\n# Ingestion: ${CLIENTS} clients, 1,000-point batches, ${SECONDS} s`);
    const post = loadClient(bench.url, token, CLIENTS);
    const logBatch = (runId: string, metrics: unknown[]) =>
      post("POST", `/api/v1/workspaces/${ws.id}/runs/${runId}/log-batch`, { metrics });
    const big = await hammer(runs, 1000, SECONDS, logBatch);
    await settle(url);
    const raw = await rawInsertBaseline(url, SECONDS);
    console.log(
      `crucible API     ${big.pointsPerSecond.toFixed(0).padStart(8)} points/s   batch p50 ${ms(big.p50)}  p95 ${ms(big.p95)}  (${big.n} batches)`,
    );
    console.log(
      `raw INSERT       ${raw.toFixed(0).padStart(8)} rows/s     (multi-row INSERT of 1,000 rows, ${CLIENTS} connections)`,
    );
    console.log(
      `ratio            ${(big.pointsPerSecond / raw).toFixed(2)} of raw   goal ≥ 25,000 points/s and ≥ 0.5 of raw`,
    );

    await settle(url);
    console.log(`\n# Small batches: ${CLIENTS} clients, 10-point batches, ${SECONDS} s`);
    const small = await hammer(runs, 10, SECONDS, logBatch);
    console.log(
      `crucible API     p50 ${ms(small.p50)}  p99 ${ms(small.p99)}  (${small.n} batches, ${small.pointsPerSecond.toFixed(0)} points/s)   goal p50 ≤ 15 ms, p99 ≤ 50 ms`,
    );

    console.log(`\n# History read: 1,000,000-point metrics downsampled to 1,000 buckets`);
    const longRuns: string[] = [];
    for (let i = 0; i < 10; i++)
      longRuns.push((await api("POST", `/workspaces/${ws.id}/runs`, token, { experimentName: "long" })).id);
    await seedLongMetrics(url, longRuns, 1_000_000);
    const one: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await api("GET", `/workspaces/${ws.id}/runs/${longRuns[0]}/metric-history?key=loss&buckets=1000`, token);
      one.push(performance.now() - t0);
    }
    const ten: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await Promise.all(
        longRuns.map((r) => api("GET", `/workspaces/${ws.id}/runs/${r}/metric-history?key=loss&buckets=1000`, token)),
      );
      ten.push(performance.now() - t0);
    }
    const rawScan = await rawScanBaseline(url, longRuns[0]!);
    console.log(`one run          median ${ms(summarise(one).p50)}   goal ≤ 150 ms`);
    console.log(`ten runs         median ${ms(summarise(ten).p50)}   goal ≤ 400 ms`);
    console.log(`raw SQL baseline ${ms(rawScan)}   (count, min, max over the same 1,000,000 rows)`);
  } finally {
    await bench.stop();
  }
}

async function rawInsertBaseline(url: string, seconds: number): Promise<number> {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  await setup.query(
    `CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, run_id text, key text, step bigint, value float8, ts bigint)`,
  );
  await setup.query(`CREATE INDEX IF NOT EXISTS bench_raw_idx ON bench_raw (run_id, key, step)`);
  await setup.end();
  const deadline = performance.now() + seconds * 1000;
  let rows = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      let step = 0;
      while (performance.now() < deadline) {
        const values: unknown[] = [];
        const tuples: string[] = [];
        for (let i = 0; i < 1000; i++) {
          const o = values.length;
          tuples.push(`($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5})`);
          values.push(`run-${c}`, `m${c % 3}`, step++, Math.random(), Date.now());
        }
        await client.query(`INSERT INTO bench_raw (run_id, key, step, value, ts) VALUES ${tuples.join(",")}`, values);
        rows += 1000;
      }
      await client.end();
    }),
  );
  return rows / ((performance.now() - started) / 1000);
}

async function seedLongMetrics(url: string, runIds: string[], n: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const runId of runIds) {
    await client.query(
      `INSERT INTO "Metric" ("runId", "key", "step", "value", "timestamp")
       SELECT $1, 'loss', s, 1.0 / (1 + s) + (random() - 0.5) * 0.01, 1700000000000 + s FROM generate_series(0, $2 - 1) AS s`,
      [runId, n],
    );
  }
  // Bulk-loaded points skip log-batch, so their summaries and rollups are built the way a backfill builds them.
  process.env.DATABASE_URL = url;
  const { rebuildMetricAggregates } = await import("../server/services/runs/metric-rollups");
  for (const runId of runIds) await rebuildMetricAggregates(runId);
  await client.end();
  await settle(url);
}

const settle = (url: string) => settleTables(url, ["Metric", "MetricRollup", "MetricSummary"]);

async function rawScanBaseline(url: string, runId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await client.query(`SELECT count(*), min(value), max(value) FROM "Metric" WHERE "runId" = $1 AND "key" = 'loss'`, [
      runId,
    ]);
    times.push(performance.now() - t0);
  }
  await client.end();
  return summarise(times).p50;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
