import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";
import { closeListener } from "./streams/pg-listener";

export type TDb = PrismaClient;

// One pool and one client per process, kept on globalThis so Next's dev reloads do not open new ones.
// The ORM and the hot-path SQL (see prepared-query.ts) share the pool.
const holder = globalThis as unknown as { crucibleDb?: PrismaClient; cruciblePool?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!holder.cruciblePool) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the studio with `npm start`, which provides one");
    holder.cruciblePool = new pg.Pool({ connectionString: url, max: 10 });
  }
  return holder.cruciblePool;
}

export function db(): PrismaClient {
  holder.crucibleDb ??= new PrismaClient({ adapter: new PrismaPg(pgPool()) });
  return holder.crucibleDb;
}

/** Closes the client, the pool and the LISTEN connection; the next db() opens new ones. */
export async function closeDb(): Promise<void> {
  await closeListener();
  const { crucibleDb, cruciblePool } = holder;
  holder.crucibleDb = undefined;
  holder.cruciblePool = undefined;
  await crucibleDb?.$disconnect();
  await cruciblePool?.end();
}
