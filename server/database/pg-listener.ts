import "server-only";
import type { Socket } from "node:net";
import { Client } from "pg";
import { env } from "../env";

type THandler = (payload: string) => void;

const RECONNECT_MS = 1000;

// One LISTEN connection per process, shared by every subscriber; reconnects after a drop.
const handlers = new Map<string, Set<THandler>>();
// The channels LISTENed on the live connection: a notice on any other could be missed.
const subscribed = new Set<string>();
let client: Client | null = null;
let connecting: Promise<Client> | null = null;
// LISTENs one after another: pg deprecates a query sent while another runs on the same client.
let lastListen: Promise<unknown> = Promise.resolve();

function listenOn(c: Client, channel: string): Promise<unknown> {
  const next = lastListen.then(() => c.query(`LISTEN ${quote(channel)}`));
  lastListen = next.catch(() => undefined);
  return next;
}

function connection(): Promise<Client> {
  if (client) return Promise.resolve(client);
  connecting ??= (async () => {
    const c = new Client({ connectionString: env().DATABASE_URL, application_name: "crucible-listener" });
    c.on("notification", (message) => {
      for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? "");
    });
    c.on("error", () => dropped(c));
    c.on("end", () => dropped(c));
    await c.connect();
    // The listener alone must not keep a process (a script, a test worker) alive.
    (c.connection.stream as Socket).unref();
    client = c;
    return c;
  })().finally(() => {
    connecting = null;
  });
  return connecting;
}

function dropped(c: Client): void {
  if (client !== c) return;
  client = null;
  subscribed.clear();
  c.end().catch(() => undefined);
  setTimeout(() => void resubscribe(), RECONNECT_MS).unref();
}

async function resubscribe(): Promise<void> {
  if (handlers.size === 0) return;
  try {
    const c = await connection();
    for (const channel of handlers.keys()) await listenOn(c, channel);
    // Anything missed while disconnected: wake every subscriber once, then count as listening.
    for (const set of handlers.values()) for (const handler of set) handler("");
    for (const channel of handlers.keys()) subscribed.add(channel);
  } catch {
    setTimeout(() => void resubscribe(), RECONNECT_MS).unref();
  }
}

function quote(channel: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Bad channel name ${channel}`);
  return `"${channel}"`;
}

/** Calls `handler` on every NOTIFY on `channel`, and with "" after a reconnection; returns the unsubscribe. */
export async function listen(channel: string, handler: THandler): Promise<() => Promise<void>> {
  const c = await connection();
  if (!subscribed.has(channel)) {
    await listenOn(c, channel);
    subscribed.add(channel);
  }
  let set = handlers.get(channel);
  if (!set) handlers.set(channel, (set = new Set()));
  set.add(handler);
  return async () => {
    set.delete(handler);
  };
}

/** Whether every NOTIFY on `channel` is being heard now: false from a dropped connection until it is back. */
export function isListening(channel: string): boolean {
  return subscribed.has(channel);
}

/** Ends the connection and every subscription (on shutdown). */
export async function closeListener(): Promise<void> {
  const c = client;
  client = null;
  handlers.clear();
  subscribed.clear();
  await c?.end().catch(() => undefined);
}
