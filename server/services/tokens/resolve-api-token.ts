import { db } from "../../db";
import { hashTokenSecret } from "./token-secret";

// lastUsedAt is informational; writing it on every call would turn each read into a write.
const LAST_USED_RESOLUTION_MS = 60_000;

/** The user a bearer token acts for, or null when it is unknown, revoked, expired or disabled. */
export async function resolveApiToken(token: string) {
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashTokenSecret(token) }, include: { user: true } });
  if (!row || row.revokedAt || row.user.disabledAt) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { tokenId: row.id, user: row.user };
}
