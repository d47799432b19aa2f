// Writes the next SQL migration: the difference between the schema as of the last migration
// (a snapshot kept beside it) and prisma/schema.prisma. Prisma's JS schema engine needs a
// live connection even for a schema-to-schema diff, so a scratch embedded server is started.
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres } from "../server/database/embedded-postgres";

async function main() {
  const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
  const isCheck = name === "" || process.argv.includes("--check");
  const dir = path.resolve("prisma", "migrations");
  await fs.mkdir(dir, { recursive: true });
  const previous = (await fs.readdir(dir))
    .filter((d) => !d.startsWith("."))
    .sort()
    .at(-1);
  const db = await startEmbeddedPostgres(path.resolve(".crucible-tools", "pg"));
  try {
    const from = previous ? ["--from-schema-datamodel", path.join(dir, previous, "schema.prisma")] : ["--from-empty"];
    const sql = execFileSync(
      process.execPath,
      [
        require.resolve("prisma/build/index.js"),
        "migrate",
        "diff",
        ...from,
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--script",
      ],
      { env: { ...process.env, DATABASE_URL: db.url }, encoding: "utf8" },
    );
    const isEmpty = !/^\s*[A-Z]/m.test(sql.replace(/^--.*$/gm, ""));
    if (isCheck) {
      if (!isEmpty) {
        console.error("prisma/schema.prisma has changes with no migration. Run: npm run db:diff -- <name>\n" + sql);
        process.exitCode = 1;
      } else console.log("migrations are up to date with prisma/schema.prisma");
      return;
    }
    if (isEmpty) {
      console.log("no schema changes");
      return;
    }
    const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
    const target = path.join(dir, `${stamp}_${name}`);
    await fs.mkdir(target);
    await fs.writeFile(path.join(target, "migration.sql"), sql);
    await fs.copyFile("prisma/schema.prisma", path.join(target, "schema.prisma"));
    console.log(`wrote ${path.relative(process.cwd(), target)}/migration.sql`);
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
