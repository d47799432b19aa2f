import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";

export type TMigration = { name: string; sql: string; checksum: string };

// An arbitrary constant: every process migrating the same database takes this lock, so two
// studio instances starting together apply each migration once.
const MIGRATION_LOCK_KEY = 727_001;

export async function readMigrations(dir = path.resolve("prisma", "migrations")): Promise<TMigration[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await fs.readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/**
 * Applies the migrations not yet recorded in `_crucible_migrations`, each in its own
 * transaction: a failing migration rolls back whole and stops the run. Re-running is a no-op.
 * An applied migration whose file changed is refused rather than silently skipped.
 */
export async function migrate(
  url: string,
  migrations?: TMigration[],
  log: (line: string) => void = () => {},
): Promise<string[]> {
  const all = migrations ?? (await readMigrations());
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS _crucible_migrations (
         name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Map(
      (
        await client.query<{ name: string; checksum: string }>("SELECT name, checksum FROM _crucible_migrations")
      ).rows.map((r) => [r.name, r.checksum]),
    );
    for (const m of all) {
      const previous = done.get(m.name);
      if (previous !== undefined) {
        if (previous !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied`);
        continue;
      }
      try {
        await client.query("BEGIN");
        await client.query(m.sql);
        await client.query("INSERT INTO _crucible_migrations (name, checksum) VALUES ($1, $2)", [m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed and was rolled back: ${(error as Error).message}`, {
          cause: error,
        });
      }
      applied.push(m.name);
      log(`applied migration ${m.name}`);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
  return applied;
}
