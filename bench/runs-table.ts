// The runs table at 10,000 runs: the search API that feeds it, and the page itself in Chromium
// (time until rows show, and frame times while scrolling through the virtualised table).
// Usage: npm run build && npm run bench:runs-table
import path from "node:path";
import pg from "pg";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/chromium";
import { startBenchStudio } from "./bench-studio";
import { ms, summarise } from "./stats";

// With the one run made through the API, the experiment holds 10,000 runs: all the table loads at once.
const RUNS = 9_999;

async function main() {
  const bench = await startBenchStudio("table", 3311);
  const { api: call, token, databaseUrl: url, admin, home } = bench;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const ws = { id: bench.workspaceId };
    const run = await call("POST", `/workspaces/${ws.id}/runs`, token, { experimentName: "sweep" });
    await seedRuns(url, ws.id, run.experimentId);

    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await call("POST", `/workspaces/${ws.id}/runs/search`, token, {
        experimentIds: [run.experimentId],
        maxResults: 10_000,
      });
      times.push(performance.now() - t0);
    }
    const filtered: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await call("POST", `/workspaces/${ws.id}/runs/search`, token, {
        experimentIds: [run.experimentId],
        maxResults: 10_000,
        filter: "metrics.acc > 0.9 and params.lr = '0.01'",
        orderBy: ["metrics.acc DESC"],
      });
      filtered.push(performance.now() - t0);
    }
    console.log(`\n# Runs search API, ${RUNS.toLocaleString()} runs with 3 params, 2 tags, 2 metrics each`);
    console.log(`all runs          median ${ms(summarise(times).p50)}`);
    console.log(`filter + sort     median ${ms(summarise(filtered).p50)}`);

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${bench.url}/signin`);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
    const t0 = performance.now();
    await page.goto(`${bench.url}/w/${ws.id}/experiments/${run.experimentId}`);
    await page
      .getByText(`${(RUNS + 1).toLocaleString()} runs`)
      .waitFor({ timeout: 60_000 })
      .catch(async (error) => {
        await page.screenshot({ path: path.join(home, "runs-table-timeout.png") });
        throw error;
      });
    const firstRender = performance.now() - t0;
    const rendered = await page.locator('[role="table"][aria-label="Runs"] [role="row"]').count();
    const frames: number[] = await page.evaluate(async () => {
      const scroller = document.querySelector('[role="table"][aria-label="Runs"] .overflow-y-auto') as HTMLElement;
      const deltas: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 240; i++) {
        scroller.scrollTop += 600;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        const now = performance.now();
        deltas.push(now - last);
        last = now;
      }
      return deltas;
    });
    const f = summarise(frames);
    console.log(`\n# Runs table page in Chromium`);
    console.log(`rows shown after  ${ms(firstRender)} (page load + search of ${(RUNS + 1).toLocaleString()} runs)`);
    console.log(`DOM rows          ${rendered} of ${RUNS + 1} (virtualised)`);
    console.log(
      `scroll frames     p50 ${ms(f.p50)}  p95 ${ms(f.p95)}  p99 ${ms(f.p99)}  (240 frames, 600 px each; 16.7 ms = 60 fps)`,
    );

    // Past one page: the table offers to load more.
    await seedRuns(url, ws.id, run.experimentId, 500, RUNS + 1);
    await page.reload();
    await page.getByRole("button", { name: "Load 10,000 more" }).click();
    const t1 = performance.now();
    await page.getByText(`${(RUNS + 501).toLocaleString()} runs`).waitFor({ timeout: 60_000 });
    console.log(`load more         ${ms(performance.now() - t1)} to show all ${(RUNS + 501).toLocaleString()} runs`);
  } finally {
    await browser.close();
    await bench.stop();
  }
}

async function seedRuns(url: string, workspaceId: string, experimentId: string, count = RUNS, from = 1) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    `INSERT INTO "Run" ("id", "workspaceId", "experimentId", "displayName", "status", "startedAt", "endedAt", "updatedAt", "datastoreId")
     SELECT 'bench-' || i, $1, $2, 'trial-' || i, 'Completed', now() - interval '1 hour', now(), now(),
       (SELECT "id" FROM "Datastore" WHERE "workspaceId" = $1 AND "isDefault")
     FROM generate_series($4::int, $4::int + $3::int - 1) AS i`,
    [workspaceId, experimentId, count, from],
  );
  await client.query(
    `INSERT INTO "RunParam" ("runId", "key", "value")
     SELECT 'bench-' || i, k, CASE k WHEN 'lr' THEN (ARRAY['0.1','0.01','0.001'])[1 + i % 3] WHEN 'batch' THEN (16 * (1 + i % 4))::text ELSE 'adam' END
     FROM generate_series($2::int, $2::int + $1::int - 1) AS i CROSS JOIN unnest(ARRAY['lr', 'batch', 'optimizer']) AS k`,
    [count, from],
  );
  await client.query(
    `INSERT INTO "RunTag" ("runId", "key", "value") SELECT 'bench-' || i, k, k || '-' || (i % 5) FROM generate_series($2::int, $2::int + $1::int - 1) AS i CROSS JOIN unnest(ARRAY['team', 'model']) AS k`,
    [count, from],
  );
  await client.query(
    `INSERT INTO "MetricSummary" ("runId", "key", "lastValue", "lastStep", "lastTimestamp", "minValue", "maxValue", "count")
     SELECT 'bench-' || i, k, random(), 99, 0, 0, 1, 100 FROM generate_series($2::int, $2::int + $1::int - 1) AS i CROSS JOIN unnest(ARRAY['acc', 'loss']) AS k`,
    [count, from],
  );
  await client.query(`ANALYZE`);
  await client.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
