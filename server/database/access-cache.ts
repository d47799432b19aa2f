import "server-only";
import { CHANNELS } from "./notifications";
import { isListening, listen } from "./pg-listener";

// The migration's triggers notify this channel on every change to tokens (a token's last-use
// time aside), users, memberships, custom roles and workspaces, whichever process makes it.
const CHANNEL = CHANNELS.access;
// A bound, not the way changes take effect: it keeps a token's last-use time to about a minute.
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 10_000;

type TEntry = { value: unknown; until: number };

/**
 * Who a token is and what a user may do in a workspace, remembered between calls: an SDK logging
 * metrics sends many calls a second, and on two cores each statement's round trip to PostgreSQL
 * costs about as much as the work the call asks for. Nothing stays stale: every process LISTENs for
 * the triggers' notices and forgets everything on one; the process making a change forgets at once
 * (`forgetAccess`) rather than wait for its own notice. While the listener is not connected,
 * nothing is remembered, since a change could go unheard.
 */
class AccessCache {
  private readonly entries = new Map<string, TEntry>();
  // Bumped on every forget (a reconnection included): a load that began before one is not kept.
  private generation = 0;
  private subscribing: Promise<unknown> | null = null;

  async remember<T>(
    key: string,
    load: () => Promise<T | null>,
    until: (value: T) => number = () => Infinity,
  ): Promise<T | null> {
    if (!this.isHeard()) return load();
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value as T;
    const generation = this.generation;
    const value = await load();
    if (value !== null && generation === this.generation && this.isHeard()) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { value, until: Math.min(Date.now() + MAX_AGE_MS, until(value)) });
    }
    return value;
  }

  forget(): void {
    this.entries.clear();
    this.generation++;
  }

  get forgetCount(): number {
    return this.generation;
  }

  /** Whether changes are heard now; (re)starts listening when they are not. */
  isHeard(): boolean {
    if (isListening(CHANNEL)) return true;
    this.subscribing ??= listen(CHANNEL, this.onNotice)
      .then(
        () => this.forget(),
        () => undefined,
      ) // unreachable now: a later call tries again
      .finally(() => (this.subscribing = null));
    return false;
  }

  // One function for every subscription, so a repeated one adds no second handler.
  private readonly onNotice = () => this.forget();
}

// On globalThis: the studio server's fast path and Next.js's bundle each load this module, and a
// change made through one must be forgotten by both.
const holder = globalThis as unknown as { crucibleAccessCache?: AccessCache };

function cache(): AccessCache {
  holder.crucibleAccessCache ??= new AccessCache();
  return holder.crucibleAccessCache;
}

/** `load()`'s answer under `key`, from memory when it is there and still true. Null answers are not kept. */
export function rememberAccess<T>(
  key: string,
  load: () => Promise<T | null>,
  until?: (value: T) => number,
): Promise<T | null> {
  return cache().remember(key, load, until);
}

/** Forgets every remembered answer: call it after committing a change that takes access away. */
export function forgetAccess(): void {
  cache().forget();
}

/** How many times everything was forgotten so far (tests tell a served answer from a reloaded one by it). */
export function accessForgetCount(): number {
  return cache().forgetCount;
}

/** Whether answers are being remembered, which they are only while the listener is connected. */
export function isRememberingAccess(): boolean {
  return cache().isHeard();
}
