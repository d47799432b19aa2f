import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { db } from "../db";
import { env } from "../env";

let cached: Promise<string> | null = null;

/**
 * Which studio installation a container belongs to: its database (the cluster's system identifier
 * and the database's name). Containers are labelled with it, so the sweep of one installation never
 * touches the containers of another that shares the same Docker engine.
 */
export function installationId(): Promise<string> {
  cached ??= (async () => {
    // pg_control_system() may be a superuser's; the server's address stands in for it then.
    const [row] = await db().$queryRaw<
      { id: string }[]
    >`SELECT (SELECT system_identifier::text FROM pg_control_system()) || '/' || current_database() AS "id"`.catch(
      () =>
        db().$queryRaw<
          { id: string }[]
        >`SELECT coalesce(host(inet_server_addr()), 'socket') || ':' || coalesce(inet_server_port(), 0) || '/' || current_database() AS "id"`,
    );
    return createHash("sha256").update(row!.id).digest("hex").slice(0, 16);
  })().catch((error) => {
    cached = null;
    throw error;
  });
  return cached;
}

/**
 * Writes the installation's id to `$CRUCIBLE_HOME/installation-id`, so that scripts can find this
 * installation's containers (a test run discards its database, and with it the only way to
 * tell them apart from another installation's on the same engine).
 */
export async function recordInstallationId(): Promise<void> {
  const file = path.join(env().crucibleHome, "installation-id");
  const temp = `${file}.${process.pid}.tmp`;
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(temp, `${await installationId()}\n`);
  await fs.rename(temp, file);
}
