// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded
// database under CRUCIBLE_HOME when DATABASE_URL is unset.
import { env } from "../server/env";
import { prepareDatabase } from "../server/database/prepare-database";

async function main() {
  const e = env();
  const database = await prepareDatabase(e.DATABASE_URL, e.crucibleHome, (line) => console.log(line));
  console.log("database is up to date");
  await database.embedded?.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
