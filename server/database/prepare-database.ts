import fs from "node:fs";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres, type TEmbeddedDatabase } from "./embedded-postgres";
import { migrate } from "./migrate";

export type TPreparedDatabase = { url: string; embedded: TEmbeddedDatabase | null };

/**
 * The database the studio uses: DATABASE_URL when given, else an embedded PostgreSQL kept
 * under CRUCIBLE_HOME. Either way pending migrations are applied before anything else runs.
 */
export async function prepareDatabase(
  databaseUrl: string | undefined,
  crucibleHome: string,
  log: (line: string) => void,
): Promise<TPreparedDatabase> {
  let url = databaseUrl;
  let embedded: TEmbeddedDatabase | null = null;
  if (!url) {
    fs.mkdirSync(crucibleHome, { recursive: true });
    const dir = path.join(crucibleHome, "postgres");
    const logFile = fs.createWriteStream(path.join(crucibleHome, "postgres.log"), { flags: "a" });
    log(`starting embedded PostgreSQL in ${dir}`);
    embedded = await startEmbeddedPostgres(dir, (line) => logFile.write(`${line}\n`));
    url = await ensureDatabase(embedded.url, "crucible");
  }
  await migrate(url, undefined, log);
  return { url, embedded };
}
