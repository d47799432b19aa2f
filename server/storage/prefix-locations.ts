import { randomUUID } from "node:crypto";
import { db } from "../db";

export type TLocation = { prefix: string; location: string };

/** The key's ancestor prefixes ("a", "a/b" for "a/b/c"), plus the key itself when asked. */
function ancestors(key: string, isSelfIncluded: boolean): string[] {
  const parts = key.split("/");
  const count = isSelfIncluded ? parts.length : parts.length - 1;
  return Array.from({ length: count }, (_, i) => parts.slice(0, i + 1).join("/"));
}

/**
 * Where the prefixes of one s3 datastore really live (see DatastorePrefix): a key under a moved
 * prefix is read from its location; an unmoved key is its own location.
 */
export class PrefixLocations {
  constructor(private readonly datastoreId: string) {}

  /** The stored key for `key`, or for a prefix when `isPrefix` (the prefix's own row counts then). */
  async locate(key: string, isPrefix = false): Promise<string> {
    const rows = await db().datastorePrefix.findMany({
      where: { datastoreId: this.datastoreId, prefix: { in: ancestors(key, isPrefix) } },
    });
    const nearest = rows.sort((a, b) => b.prefix.length - a.prefix.length)[0];
    return nearest ? nearest.location + key.slice(nearest.prefix.length) : key;
  }

  /**
   * Gives `to` the location `from` has now and `from` a fresh empty one, in one transaction:
   * readers resolve either the old location or the new. Returns the locations nothing points at
   * any more, for the caller to empty.
   */
  async swap(from: string, to: string): Promise<string[]> {
    const fromLocation = await this.locate(from, true);
    const oldToLocation = await this.locate(to, true);
    const fresh = `${fromLocation}.${randomUUID()}`;
    const under = (p: string) => ({ datastoreId: this.datastoreId, prefix: { startsWith: `${p}/` } });
    return db().$transaction(async (tx) => {
      const droppedUnderTo = await tx.datastorePrefix.findMany({ where: under(to) });
      await tx.datastorePrefix.deleteMany({ where: under(to) });
      const movedUnderFrom = await tx.datastorePrefix.findMany({ where: under(from) });
      await tx.datastorePrefix.deleteMany({ where: under(from) });
      await tx.datastorePrefix.createMany({
        data: movedUnderFrom.map((r) => ({ ...r, prefix: to + r.prefix.slice(from.length) })),
      });
      for (const [prefix, location] of [
        [to, fromLocation],
        [from, fresh],
      ] as const) {
        await tx.datastorePrefix.upsert({
          where: { datastoreId_prefix: { datastoreId: this.datastoreId, prefix } },
          create: { datastoreId: this.datastoreId, prefix, location },
          update: { location },
        });
      }
      return [oldToLocation, ...droppedUnderTo.map((r) => r.location)];
    });
  }

  /** Forgets `prefix` and every prefix under it; returns their locations, for the caller to empty. */
  async forget(prefix: string): Promise<string[]> {
    const where = {
      datastoreId: this.datastoreId,
      OR: [{ prefix }, { prefix: { startsWith: `${prefix}/` } }],
    };
    return db().$transaction(async (tx) => {
      const rows = await tx.datastorePrefix.findMany({ where });
      await tx.datastorePrefix.deleteMany({ where });
      // A swapped-away prefix's own key is now where another prefix lives: keep it pointing
      // elsewhere, or it would show the other prefix's objects as its own.
      const isKeyInUse = await tx.datastorePrefix.findFirst({
        where: {
          datastoreId: this.datastoreId,
          OR: [{ location: prefix }, { location: { startsWith: `${prefix}/` } }],
        },
      });
      if (isKeyInUse)
        await tx.datastorePrefix.create({
          data: { datastoreId: this.datastoreId, prefix, location: `${prefix}.${randomUUID()}` },
        });
      return rows.map((r) => r.location);
    });
  }
}
