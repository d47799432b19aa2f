// Job runner benchmarks, each against its raw baseline measured in the same run:
//  1. submit → first log line in the API with a cached image, vs `docker run` of the same image;
//  2. container → viewer log latency at 1,000 lines/s with 20 viewers on the SSE stream;
//  3. 20 concurrent short runs on two Docker hosts: none lost, none run twice.
// Usage: npm run bench:jobs   (needs a Docker engine, the base image, and root for the second host)
import { spawn } from "node:child_process";
import path from "node:path";
import { startSecondDockerd } from "../scripts/second-dockerd";
import { startBenchStudio } from "./bench-studio";
import { readEvents } from "./sse-reader";
import { ms, summarise } from "./stats";

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 10);
const IMAGE_ENV = "crucible-sklearn:1";

async function main() {
  // The second engine first: copying the base image into it takes a while.
  const second = process.getuid?.() === 0 ? await startSecondDockerd(path.resolve(".crucible-bench-dockerd2")) : null;
  const studio = await startBenchStudio("jobs", 3240);
  const { api, token, workspaceId, url } = studio;
  try {
    // Hosts are the site's: the bench's admin registers them, shared with its workspace, behind targets named as before.
    await api("POST", "/admin/hosts", token, {
      name: "bench-local",
      endpoint: "unix:///var/run/docker.sock",
      labels: { pool: "bench" },
      maxConcurrentRuns: 10,
      workspaceIds: [workspaceId],
    });
    await api("POST", `/workspaces/${workspaceId}/compute/targets`, token, {
      name: "local",
      selector: { host: "bench-local" },
    });
    const submit = async (command: string, compute = "local") =>
      (
        (await api("POST", `/workspaces/${workspaceId}/jobs`, token, {
          yaml: `command: ${JSON.stringify(command)}\nenvironment: ${IMAGE_ENV}\ncompute: ${compute}\nexperiment_name: bench\n`,
        })) as { runId: string }
      ).runId;
    const follow = (runId: string, onLine: (line: { text: string; stream: string }) => void, signal: AbortSignal) =>
      readEvents(
        `${url}/api/v1/runs/${runId}/logs/stream`,
        token,
        (type, data) => type === "line" && onLine(JSON.parse(data)),
        signal,
      );

    // Warm-up: builds nothing (curated image) but makes sure the image and the worker are ready.
    const warm = await submit("echo warm");
    await follow(warm, () => undefined, new AbortController().signal);
    const image = ((await api("GET", `/workspaces/${workspaceId}/jobs/${warm}`, token)) as { image: string }).image;

    console.log(`\n1. Submit to first log line (${SAMPLES} runs, image ${image} cached)`);
    const crucible: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const started = performance.now();
      const runId = await submit(`echo first-line-${i}`);
      const controller = new AbortController();
      await follow(
        runId,
        (line) => {
          if (line.stream === "stdout" && crucible.length === i) {
            crucible.push(performance.now() - started);
            controller.abort();
          }
        },
        controller.signal,
      );
    }
    const raw: number[] = [];
    for (let i = 0; i < SAMPLES; i++) raw.push(await rawDockerRun(image));
    const c = summarise(crucible);
    const r = summarise(raw);
    console.log(`   Crucible (API submit → SSE line): p50 ${ms(c.p50)}  p95 ${ms(c.p95)}`);
    console.log(`   raw docker run (exec → stdout):   p50 ${ms(r.p50)}  p95 ${ms(r.p95)}`);
    console.log(
      `   ratio p50 ${(c.p50 / r.p50).toFixed(2)}x   goal: p50 ≤ 1500 ms and ≤ 3x raw → ${c.p50 <= 1500 && c.p50 <= 3 * r.p50 ? "met" : "not met"}`,
    );

    console.log("\n2. Log latency: 1,000 lines/s for 10 s, 20 viewers");
    const emitter = `python3 -c "
import time, sys
start = time.time()
for i in range(10000):
    target = start + i / 1000.0
    while time.time() < target: time.sleep(0.0005)
    sys.stdout.write('t=%d\\\\n' % int(time.time() * 1000)); sys.stdout.flush()
"`;
    const runId = await submit(emitter);
    const latencies: number[] = [];
    let received = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        follow(
          runId,
          (line) => {
            const match = /^t=(\d+)$/.exec(line.text);
            if (!match) return;
            received += 1;
            latencies.push(Date.now() - Number(match[1]));
          },
          new AbortController().signal,
        ),
      ),
    );
    const l = summarise(latencies);
    console.log(`   ${received} line deliveries (expected ${20 * 10000})`);
    console.log(
      `   container print → viewer: p50 ${ms(l.p50)}  p95 ${ms(l.p95)}  p99 ${ms(l.p99)}   goal p50 ≤ 100 ms, p99 ≤ 500 ms → ${l.p50 <= 100 && l.p99 <= 500 ? "met" : "not met"}`,
    );

    if (!second) {
      console.log("\n3. Skipped: starting a second Docker engine needs root");
      return;
    }
    console.log("\n3. 20 concurrent short runs on two hosts");
    await api("POST", "/admin/hosts", token, {
      name: "bench-second",
      endpoint: second.endpoint,
      labels: { pool: "bench" },
      maxConcurrentRuns: 10,
      workspaceIds: [workspaceId],
    });
    await api("POST", `/workspaces/${workspaceId}/compute/targets`, token, {
      name: "pool",
      selector: { pool: "bench" },
    });
    const started = performance.now();
    const runIds = await Promise.all(
      Array.from({ length: 20 }, (_, i) => submit(`echo short-${i} && sleep 1`, "pool")),
    );
    const outcomes = await Promise.all(
      runIds.map(async (id, i) => {
        const lines: string[] = [];
        await follow(id, (line) => line.stream === "stdout" && lines.push(line.text), new AbortController().signal);
        const job = (await api("GET", `/workspaces/${workspaceId}/jobs/${id}`, token)) as {
          host: string;
          attempt: number;
        };
        const run = (await api("GET", `/workspaces/${workspaceId}/runs/${id}`, token)) as { status: string };
        return {
          isExact: lines.length === 1 && lines[0] === `short-${i}`,
          host: job.host,
          attempt: job.attempt,
          status: run.status,
        };
      }),
    );
    const wall = performance.now() - started;
    const perHost = outcomes.reduce<Record<string, number>>((n, o) => ({ ...n, [o.host]: (n[o.host] ?? 0) + 1 }), {});
    const completed = outcomes.filter((o) => o.status === "Completed").length;
    const exact = outcomes.filter((o) => o.isExact && o.attempt === 1).length;
    console.log(
      `   ${completed}/20 completed, ${exact}/20 with exactly their one line and one attempt, per host ${JSON.stringify(perHost)}, wall ${ms(wall)}`,
    );
    console.log(
      `   baseline: the same 20 containers started directly with docker run, 10 at a time: ${ms(await rawBatch(image, 20))}`,
    );
  } finally {
    await second?.stop();
    await studio.stop();
  }
}

/** Time from exec to the first stdout byte of `docker run --rm IMAGE echo`. */
function rawDockerRun(image: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let first: number | null = null;
    const child = spawn("docker", ["run", "--rm", "--network", "none", image, "echo", "first"]);
    child.stdout.once("data", () => (first = performance.now() - started));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 && first !== null ? resolve(first) : reject(new Error(`docker run exited ${code}`)),
    );
  });
}

async function rawBatch(image: string, count: number): Promise<number> {
  const started = performance.now();
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const child = spawn("docker", ["run", "--rm", "--network", "none", image, "sh", "-c", "echo short && sleep 1"]);
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
    });
  for (let i = 0; i < count; i += 10) await Promise.all(Array.from({ length: Math.min(10, count - i) }, one));
  return performance.now() - started;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
