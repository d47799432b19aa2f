import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

export type TDb = PrismaClient;

// One client per process; kept on globalThis so Next's dev reloads do not open a new pool each time.
const holder = globalThis as unknown as { crucibleDb?: PrismaClient };

export function db(): PrismaClient {
  if (!holder.crucibleDb) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the studio with `npm start`, which provides one");
    holder.crucibleDb = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
  }
  return holder.crucibleDb;
}
