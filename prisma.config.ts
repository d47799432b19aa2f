import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The JS schema engine talks to PostgreSQL through the driver adapter, so the CLI never
// downloads an engine binary. Only `generate` and schema-to-schema `migrate diff` are used:
// migrations are applied by our own runner (scripts/db-migrate.ts).
// `generate` only needs the schema, but the CLI refuses a schema whose url variable is unset.
process.env.DATABASE_URL ??= "postgresql://unused@127.0.0.1:5432/unused";

export default defineConfig({
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  engine: "js",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
