import path from "node:path";
import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres } from "../../server/database/embedded-postgres";
import { migrate } from "../../server/database/migrate";

/**
 * Tests run against a real PostgreSQL: TEST_DATABASE_URL's server when given, else an embedded
 * one. Every run gets a fresh database, migrated with the same runner the studio uses.
 */
export default async function setup() {
  const embedded = process.env.TEST_DATABASE_URL
    ? null
    : await startEmbeddedPostgres(path.resolve(".crucible-test", "pg"));
  const serverUrl = process.env.TEST_DATABASE_URL ?? embedded!.url;
  const name = `crucible_test_${Date.now()}_${process.pid}`;
  const url = await ensureDatabase(serverUrl, name);
  await migrate(url);
  process.env.DATABASE_URL = url;
  // Artifact files of tests land here, not in a developer's own studio home.
  process.env.CRUCIBLE_HOME = path.resolve(".crucible-test", "home");
  process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret";

  return async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
    await embedded?.stop();
  };
}
