// The online endpoints' router against calling an instance directly: the same trivial scoring
// script, the same load (concurrent keep-alive clients), measured in one run. Goals: the router
// adds at most 2 ms at p50 and keeps at least 0.8 of the direct throughput.
// Usage: npm run build && npm run bench:endpoints   (needs a Docker engine and the base image)
import http from "node:http";
import Docker from "dockerode";
import path from "node:path";
import { startBenchStudio } from "./bench-studio";
import { cpuMs, newestPid } from "./process-cpu";
import { ms, summarise } from "./stats";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const BODY = Buffer.from(JSON.stringify({ data: [[1, 2, 3, 4]] }));
const SCORE_PY = "def init():\n    pass\n\ndef run(raw_data):\n    return {'ok': len(raw_data)}\n";

type TTarget = { socketPath?: string; host?: string; port?: number; path: string; headers: Record<string, string> };

/** `REQUESTS` POSTs from `CLIENTS` keep-alive clients; latencies in ms and requests per second. */
async function load(target: TTarget) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  let sent = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      const req = http.request(
        {
          agent,
          socketPath: target.socketPath,
          host: target.host,
          port: target.port,
          path: target.path,
          method: "POST",
          headers: { "content-type": "application/json", "content-length": BODY.length, ...target.headers },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
            latencies.push(performance.now() - started);
            resolve();
          });
        },
      );
      req.on("error", reject);
      req.end(BODY);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (sent < REQUESTS) {
        sent += 1;
        await one();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { ...summarise(latencies), rps: latencies.length / seconds };
}

async function main() {
  const studio = await startBenchStudio("endpoints", 3250);
  const { api, token, workspaceId, url } = studio;
  try {
    await api("POST", "/admin/hosts", token, {
      name: "bench-local",
      endpoint: "unix:///var/run/docker.sock",
      maxConcurrentRuns: 4,
      workspaceIds: [workspaceId],
    });
    const run = (await api("POST", `/workspaces/${workspaceId}/runs`, token, { experimentName: "bench" })) as {
      id: string;
    };
    const upload = await fetch(
      `${url}/api/v1/workspaces/${workspaceId}/runs/${run.id}/artifacts/outputs/model/weights.txt`,
      {
        method: "PUT",
        headers: { authorization: `Bearer ${token}` },
        body: "1",
      },
    );
    if (!upload.ok) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
    await api("POST", `/workspaces/${workspaceId}/models/trivial/versions`, token, {
      runId: run.id,
      path: "outputs/model",
    });
    const endpoints = `/workspaces/${workspaceId}/online-endpoints`;
    await api("POST", endpoints, token, { name: "bench" });
    const probe = { period: 0.5, initial_delay: 0, timeout: 2, failure_threshold: 60 };
    await api("POST", `${endpoints}/bench/deployments`, token, {
      name: "blue",
      model: "trivial:1",
      code_configuration: { code: { "score.py": SCORE_PY }, scoring_script: "score.py" },
      request_settings: { max_concurrent_requests_per_instance: CLIENTS },
      liveness_probe: probe,
      readiness_probe: probe,
    });
    await api("PATCH", `${endpoints}/bench`, token, { traffic: { blue: 100 } });
    const { primaryKey } = (await api("POST", `${endpoints}/bench/get-credentials`, token, {})) as {
      primaryKey: string;
    };
    let instanceId = "";
    for (const deadline = Date.now() + 120_000; !instanceId;) {
      if (Date.now() > deadline) throw new Error("the deployment did not get ready in 120 s");
      const endpoint = (await api("GET", `${endpoints}/bench`, token)) as {
        deployments: { state: string; error: string | null; instances: { id: string; state: string }[] }[];
      };
      const blue = endpoint.deployments[0]!;
      if (blue.state === "Failed") throw new Error(`deployment failed: ${blue.error}`);
      if (blue.state === "Ready") instanceId = blue.instances[0]!.id;
      else await new Promise((r) => setTimeout(r, 500));
    }
    const socketPath = path.join(await socketDirOf(studio.databaseUrl, instanceId), "score.sock");
    const { port } = new URL(url);
    const direct = { socketPath, path: "/score", headers: {} };
    const routed = {
      host: "127.0.0.1",
      port: Number(port),
      path: `/endpoints/${workspaceId}/bench/score`,
      headers: { authorization: `Bearer ${primaryKey}` },
    };
    // Warm both paths (connections, caches, the scoring server's threads) before measuring.
    await load({ ...direct });
    await load({ ...routed });
    // CPU time per request of each process a request passes, to see where the cores go.
    const pids = {
      "load generator": process.pid,
      "studio (router)": newestPid("server/http/studio-server.ts"),
      "scoring server": newestPid("scoring-server.py"),
    };
    const cpu = () => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, pid ? cpuMs(pid) : NaN]));
    const cpu0 = cpu();
    const a = await load(direct);
    const cpu1 = cpu();
    const b = await load(routed);
    const cpu2 = cpu();
    const overhead = b.p50 - a.p50;
    const ratio = b.rps / a.rps;
    console.log(`\n${REQUESTS} requests, ${CLIENTS} concurrent clients, one instance\n`);
    console.log("| measure | direct to the instance | through the router | difference | goal | met? |");
    console.log("| --- | ---: | ---: | ---: | --- | --- |");
    console.log(
      `| p50 latency | ${ms(a.p50)} | ${ms(b.p50)} | +${ms(overhead)} | ≤ +2 ms | ${overhead <= 2 ? "yes" : "no"} |`,
    );
    console.log(`| p95 latency | ${ms(a.p95)} | ${ms(b.p95)} | +${ms(b.p95 - a.p95)} | — | — |`);
    console.log(`| p99 latency | ${ms(a.p99)} | ${ms(b.p99)} | +${ms(b.p99 - a.p99)} | — | — |`);
    console.log(
      `| throughput | ${a.rps.toFixed(0)} req/s | ${b.rps.toFixed(0)} req/s | ${ratio.toFixed(2)}× | ≥ 0.8× | ${ratio >= 0.8 ? "yes" : "no"} |`,
    );
    console.log(
      `\nCPU time per request (µs, from /proc; 10 ms ticks, so run with BENCH_REQUESTS=20000 for sharp figures)\n`,
    );
    console.log("| process | direct | through the router |");
    console.log("| --- | ---: | ---: |");
    for (const name of Object.keys(pids)) {
      const per = (from: Record<string, number>, to: Record<string, number>) =>
        (((to[name]! - from[name]!) * 1000) / REQUESTS).toFixed(0);
      console.log(`| ${name} | ${per(cpu0, cpu1)} | ${per(cpu1, cpu2)} |`);
    }
  } finally {
    await api("DELETE", `/workspaces/${workspaceId}/online-endpoints/bench`, token).catch(() => undefined);
    await instancesGone();
    await studio.stop();
  }
}

/** The worker's sweep removes a deleted endpoint's containers within seconds; the studio stays up until then. */
async function instancesGone(): Promise<void> {
  const docker = new Docker({ socketPath: "/var/run/docker.sock" });
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    const left = await docker.listContainers({ all: true, filters: { name: ["crucible-endpoint-blue-"] } });
    if (left.length === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.error("the endpoint's containers were not removed within 30 s");
}

/** The instance's socket folder, as the worker named it (read from the database the studio uses). */
async function socketDirOf(databaseUrl: string, instanceId: string): Promise<string> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ socketDir: string }>(
      `SELECT "socketDir" FROM "EndpointInstance" WHERE "id" = $1`,
      [instanceId],
    );
    return rows[0]!.socketDir;
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
