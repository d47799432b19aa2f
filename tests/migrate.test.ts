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

describe("the datastores migration", () => {
  it("gives existing workspaces a local default workspaceblobstore and places their runs on it", async () => {
    const url = await scratchDatabase();
    const all = await readMigrations();
    const at = all.findIndex((x) => x.name.endsWith("_datastores"));
    await migrate(url, all.slice(0, at));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const id of ["w1", "w2"]) {
        await client.query(`INSERT INTO "Workspace" ("id", "name", "updatedAt") VALUES ($1, $1, now())`, [id]);
        await client.query(
          `INSERT INTO "Experiment" ("id", "workspaceId", "name", "updatedAt") VALUES ($1, $2, 'e', now())`,
          [`e-${id}`, id],
        );
        await client.query(
          `INSERT INTO "Run" ("id", "workspaceId", "experimentId", "displayName", "updatedAt") VALUES ($1, $2, $3, 'r', now())`,
          [`r-${id}`, id, `e-${id}`],
        );
      }
      await migrate(url, all.slice(0, at + 1));
      const { rows } = await client.query<{ workspaceId: string; name: string; type: string; folder: string | null }>(
        `SELECT d."workspaceId", d."name", d."type", d."folder" FROM "Datastore" d WHERE d."isDefault" ORDER BY 1`,
      );
      expect(rows).toEqual([
        { workspaceId: "w1", name: "workspaceblobstore", type: "local", folder: null },
        { workspaceId: "w2", name: "workspaceblobstore", type: "local", folder: null },
      ]);
      const runs = await client.query(
        `SELECT r."id" FROM "Run" r JOIN "Datastore" d ON d."id" = r."datastoreId" AND d."workspaceId" = r."workspaceId"`,
      );
      expect(runs.rowCount).toBe(2);
      // At most one default a workspace.
      await expect(
        client.query(
          `INSERT INTO "Datastore" ("id", "workspaceId", "name", "type", "isDefault", "updatedAt") VALUES ('x', 'w1', 'two', 'local', true, now())`,
        ),
      ).rejects.toThrow(/Datastore_workspaceId_default_key/);
    } finally {
      await client.end();
    }
  });
});

describe("the blob datastores migration", () => {
  it("places existing blobs on workspaceblobstore, where they were written, whatever the default is", async () => {
    const url = await scratchDatabase();
    const all = await readMigrations();
    const at = all.findIndex((x) => x.name.endsWith("_blob_datastores_model_inputs"));
    await migrate(url, all.slice(0, at));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const id of ["w1", "w2"]) {
        await client.query(`INSERT INTO "Workspace" ("id", "name", "updatedAt") VALUES ($1, $1, now())`, [id]);
        await client.query(
          `INSERT INTO "Datastore" ("id", "workspaceId", "name", "type", "isDefault", "updatedAt") VALUES ($1, $2, 'workspaceblobstore', 'local', $3, now())`,
          [`blob-${id}`, id, id === "w2"],
        );
        await client.query(`INSERT INTO "DataBlob" ("workspaceId", "sha256", "size") VALUES ($1, 'abc', 3)`, [id]);
      }
      // w1 has since made an S3 datastore its default: its old blobs are still on workspaceblobstore.
      await client.query(
        `INSERT INTO "Datastore" ("id", "workspaceId", "name", "type", "isDefault", "updatedAt") VALUES ('s3-w1', 'w1', 'shared', 's3', true, now())`,
      );
      await migrate(url, all.slice(0, at + 1));
      const { rows } = await client.query(`SELECT "workspaceId", "datastoreId" FROM "DataBlob" ORDER BY "workspaceId"`);
      expect(rows).toEqual([
        { workspaceId: "w1", datastoreId: "blob-w1" },
        { workspaceId: "w2", datastoreId: "blob-w2" },
      ]);
    } finally {
      await client.end();
    }
  });
});
