import pg from "pg";
import { describe, expect, it } from "vitest";
import { ensureDatabase } from "../server/database/embedded-postgres";
import { migrate, readMigrations, type TMigration } from "../server/database/migrate";

function serverUrl(): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = "/postgres";
  return url.toString();
}

async function scratchDatabase(): Promise<string> {
  return ensureDatabase(serverUrl(), `crucible_migrate_${Date.now()}_${Math.floor(Math.random() * 1e6)}`);
}

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  await client.end();
  return rows.map((r) => r.tablename);
}

const m = (name: string, sql: string): TMigration => ({ name, sql, checksum: name + sql.length });

describe("migration runner", () => {
  it("applies the project's migrations once; re-running is a no-op", async () => {
    const url = await scratchDatabase();
    const all = await readMigrations();
    expect(await migrate(url)).toEqual(all.map((x) => x.name));
    expect(await migrate(url)).toEqual([]);
    expect(await tables(url)).toContain("Workspace");
  });

  it("rolls a failing migration back whole and stops there", async () => {
    const url = await scratchDatabase();
    const good = m("001_good", "CREATE TABLE a (id int);");
    const bad = m("002_bad", "CREATE TABLE b (id int); SELECT * FROM no_such_table;");
    const later = m("003_later", "CREATE TABLE c (id int);");
    await expect(migrate(url, [good, bad, later])).rejects.toThrow(/002_bad failed and was rolled back/);
    expect(await tables(url)).toEqual(["_crucible_migrations", "a"]);
    // Once fixed, the run continues where it stopped.
    expect(await migrate(url, [good, m("002_bad", "CREATE TABLE b (id int);"), later])).toEqual([
      "002_bad",
      "003_later",
    ]);
  });

  it("refuses a migration edited after it was applied", async () => {
    const url = await scratchDatabase();
    await migrate(url, [m("001_x", "CREATE TABLE x (id int);")]);
    await expect(migrate(url, [m("001_x", "CREATE TABLE x (id bigint);")])).rejects.toThrow(
      /changed after it was applied/,
    );
  });

  it("lets two processes migrate at once without applying anything twice", async () => {
    const url = await scratchDatabase();
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    expect([...a, ...b].sort()).toEqual((await readMigrations()).map((x) => x.name).sort());
  });
});
