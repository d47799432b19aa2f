import "server-only";
import { Client } from "pg";
import { env } from "../env";

type THandler = (payload: string) => void;

// One LISTEN connection per process, shared by every subscriber; reconnects after a drop.
const handlers = new Map<string, Set<THandler>>();
let client: Client | null = null;
let connecting: Promise<Client> | null = null;

async function connection(): Promise<Client> {
  if (client) return client;
  connecting ??= (async () => {
    const c = new Client({ connectionString: env().DATABASE_URL });
    c.on("notification", (message) => {
      for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? "");
    });
    c.on("error", () => {
      client = null;
      connecting = null;
      setTimeout(() => void resubscribe(), 1000);
    });
    await c.connect();
    client = c;
    return c;
  })().finally(() => {
    connecting = null;
  });
  return connecting;
}

async function resubscribe(): Promise<void> {
  try {
    const c = await connection();
    for (const channel of handlers.keys()) await c.query(`LISTEN ${quote(channel)}`);
    // Anything missed while disconnected: wake every subscriber once.
    for (const set of handlers.values()) for (const handler of set) handler("");
  } catch {
    setTimeout(() => void resubscribe(), 1000);
  }
}

function quote(channel: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Bad channel name ${channel}`);
  return `"${channel}"`;
}

/** Calls `handler` on every NOTIFY on `channel`; returns the unsubscribe. */
export async function listen(channel: string, handler: THandler): Promise<() => Promise<void>> {
  let set = handlers.get(channel);
  if (!set) {
    set = new Set();
    handlers.set(channel, set);
    await (await connection()).query(`LISTEN ${quote(channel)}`);
  }
  set.add(handler);
  return async () => {
    set.delete(handler);
  };
}
