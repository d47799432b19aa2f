import "server-only";
import { createHash } from "node:crypto";
import { db } from "../db";

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
