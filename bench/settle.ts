import pg from "pg";

/**
 * Vacuums and checkpoints what a phase wrote, as autovacuum would in time on a live server, so the
 * next phase is measured on its own and not against the previous one's rows still being written out.
 * Without `tables`, the whole database of `url`.
 */
export async function settle(url: string, tables?: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (tables) for (const table of tables) await client.query(`VACUUM ANALYZE "${table}"`);
    else await client.query("VACUUM ANALYZE");
    await client.query("CHECKPOINT");
  } finally {
    await client.end();
  }
}
