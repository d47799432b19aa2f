import fs from "node:fs";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres } from "../server/database/embedded-postgres";
import { OwnStudio } from "../scripts/own-studio";

export type TApi = (method: string, p: string, token: string | null, body?: unknown) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ADMIN = { email: "bench@crucible.local", password: "bench-password" };

/**
 * A production studio on a fresh embedded PostgreSQL that the benchmark can also reach directly
 * (for its raw baselines), with an admin token and a workspace ready.
 */
export async function startBenchStudio(name: string, port: number) {
  const home = path.resolve(`.crucible-bench-${name}`);
  fs.rmSync(home, { recursive: true, force: true });
  const server = await startEmbeddedPostgres(path.join(home, "pg"));
  const databaseUrl = await ensureDatabase(server.url, "crucible");
  const studio = new OwnStudio(port, path.join(home, "studio"), {
    DATABASE_URL: databaseUrl,
    CRUCIBLE_ADMIN_EMAIL: ADMIN.email,
    CRUCIBLE_ADMIN_PASSWORD: ADMIN.password,
  });
  const child = studio.start();
  const stop = async () => {
    await studio.stop(child, "SIGTERM");
    await server.stop();
  };
  try {
    await studio.waitHealthy();
    const api: TApi = async (method, p, token, body) => {
      const response = await fetch(`${studio.url}/api/v1${p}`, {
        method,
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${p}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const { token } = (await api("POST", "/auth/token", null, { ...ADMIN, name: "bench" })) as { token: string };
    const workspace = (await api("POST", "/workspaces", token, { name })) as { id: string };
    return { url: studio.url, home, databaseUrl, api, token, workspaceId: workspace.id, admin: ADMIN, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
