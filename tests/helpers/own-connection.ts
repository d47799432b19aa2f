import pg from "pg";

/**
 * `work` on a connection of its own to the test database, outside the studio's pools: another
 * process, as a second studio, the worker or an administrator would be.
 */
export async function withOwnConnection<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
