import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

const VENV = ".crucible-bench-venv";
const HEALTH_TRIES = 360; // × 500 ms: the first start creates MLflow's tables
const STOP_GRACE_MS = 15_000;

/** Installs (or finds up to date) the pinned MLflow server of bench/python-requirements.txt. */
export function ensureMlflowVenv() {
  const result = spawnSync(
    "bash",
    ["scripts/python-venv.sh", ".crucible-bench-venv", "bench/python-requirements.txt"],
    {
      stdio: "inherit",
    },
  );
  if (result.status !== 0) throw new Error(`scripts/python-venv.sh failed (${result.status ?? result.signal})`);
}

/**
 * `mlflow server` as its docs deploy it for a team: a PostgreSQL backend store, artifacts served
 * from a local folder, one worker per core, on loopback, with `poolSize` database connections
 * per worker. MLflow's usage telemetry is turned off,
 * so the benchmark sends nothing beyond this machine.
 */
export async function startMlflowServer(databaseUrl: string, home: string, poolSize: number) {
  // SQLAlchemy 2.1 takes a bare postgresql:// to mean psycopg 3; the venv has psycopg2, as MLflow's docs deploy it.
  const backendStoreUri = databaseUrl.replace(/^postgres(ql)?:/, "postgresql+psycopg2:");
  const port = await freePort();
  const workers = os.availableParallelism();
  const artifacts = path.join(home, "mlflow-artifacts");
  fs.mkdirSync(artifacts, { recursive: true });
  const args = [
    "server",
    "--backend-store-uri",
    backendStoreUri,
    "--artifacts-destination",
    artifacts,
    "--host",
    "127.0.0.1",
    "--port",
    String(port),
    "--workers",
    String(workers),
  ];
  const child = spawn(path.join(VENV, "bin", "mlflow"), args, {
    env: {
      ...process.env,
      MLFLOW_DISABLE_TELEMETRY: "true",
      DO_NOT_TRACK: "true",
      // A connection for each load client in every worker: with the default pool (5 + 10 overflow), calls
      // queued on a busy worker time out after 30 s waiting for one and are answered 400, which measures the pool.
      MLFLOW_SQLALCHEMYSTORE_POOL_SIZE: String(poolSize),
      MLFLOW_SQLALCHEMYSTORE_MAX_OVERFLOW: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: the uvicorn workers stop with it
  });
  let output = "";
  const keep = (d: Buffer) => (output = (output + String(d)).slice(-20_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    process.kill(-child.pid, "SIGTERM");
    const timer = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), STOP_GRACE_MS).unref());
    if ((await Promise.race([exited, timer])) === "late") {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // gone in between
      }
      await exited;
    }
  };

  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`mlflow server exited with ${child.exitCode}:\n${output}`);
      if (
        await fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i >= HEALTH_TRIES) throw new Error(`mlflow server did not answer /health:\n${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, workers, version: versionOf(), stop };
}

function versionOf(): string {
  const result = spawnSync(path.join(VENV, "bin", "python"), ["-c", "import mlflow; print(mlflow.__version__)"], {
    encoding: "utf8",
  });
  return result.stdout.trim();
}
