import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { availableParallelism } from "node:os";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";
import { closeListener } from "./database/pg-listener";

export type TDb = PrismaClient;

// One pool and one client per process, kept on globalThis so Next's dev reloads do not open new ones.
// The ORM and the hot-path SQL (see prepared-query.ts) share the pool.
const holder = globalThis as unknown as {
  crucibleDb?: PrismaClient;
  cruciblePool?: pg.Pool;
  crucibleSearchPool?: pg.Pool;
  crucibleLanes?: (pg.Client | null)[];
  crucibleLane?: number;
};

function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the studio with `npm start`, which provides one");
  return url;
}

export function pgPool(): pg.Pool {
  holder.cruciblePool ??= new pg.Pool({ connectionString: databaseUrl(), max: 10 });
  return holder.cruciblePool;
}

/**
 * Connections for run searches, whose statements are planned anew on every call, with a planner
 * that leaves out merge joins and memoized lookups. A search joins runs to their params and
 * metrics one run id at a time, where a hash join or a plain nested loop does as well, and costing
 * those two took more than half of the benchmark search's planning (2.7 ms, 1.0 ms without).
 */
export function searchPool(): pg.Pool {
  holder.crucibleSearchPool ??= new pg.Pool({
    connectionString: databaseUrl(),
    max: 10,
    options: "-c enable_mergejoin=off -c enable_memoize=off",
    application_name: "crucible-search",
  });
  return holder.crucibleSearchPool;
}

/**
 * One of a few pipelined connections (one per core, 2 to 8), taken in turn. Statements sent
 * together on one go out in one write and are answered in one read, each still in its own
 * transaction; on two cores, where every round trip wakes another process, 20 clients logging
 * small batches went from about 1,250 to 1,500 calls a second (p50 15 to 12 ms). For short
 * statements only: one that waits (a scan, a lock) holds up every statement queued behind it.
 */
export function pipelinedClient(): pg.Client {
  const lanes = (holder.crucibleLanes ??= Array.from(
    { length: Math.min(8, Math.max(2, availableParallelism())) },
    () => null,
  ));
  const i = (holder.crucibleLane = ((holder.crucibleLane ?? -1) + 1) % lanes.length);
  const existing = lanes[i];
  if (existing) return existing;
  const client = new pg.Client({
    connectionString: databaseUrl(),
    pipeline: true,
    application_name: "crucible-pipeline",
  });
  // A broken connection is replaced on the next call; the statements it carried fail with its error.
  const drop = () => {
    if (lanes[i] === client) lanes[i] = null;
    client.end().catch(() => undefined);
  };
  client.on("error", drop);
  client.on("end", drop);
  client.connect().catch(drop);
  lanes[i] = client;
  return client;
}

export function db(): PrismaClient {
  holder.crucibleDb ??= new PrismaClient({ adapter: new PrismaPg(pgPool()) });
  return holder.crucibleDb;
}

/** Closes the client, the pools, the pipelined connections and the LISTEN connection; the next db() opens new ones. */
export async function closeDb(): Promise<void> {
  await closeListener();
  const { crucibleDb, cruciblePool, crucibleSearchPool, crucibleLanes } = holder;
  holder.crucibleDb = undefined;
  holder.cruciblePool = undefined;
  holder.crucibleSearchPool = undefined;
  holder.crucibleLanes = undefined;
  await Promise.all((crucibleLanes ?? []).map((c) => c?.end().catch(() => undefined)));
  await crucibleDb?.$disconnect();
  await cruciblePool?.end();
  await crucibleSearchPool?.end();
}
