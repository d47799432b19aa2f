import { db } from "../../db";
import type { BuiltInRole } from "../../rbac/roles";
import { hashTokenSecret } from "./token-secret";

// lastUsedAt is informational; writing it on every call would turn each read into a write.
const LAST_USED_RESOLUTION_MS = 60_000;

type TTokenRow = {
  tokenId: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  disabledAt: Date | null;
  workspaceId: string | null;
  runId: string | null;
  scopeRole: BuiltInRole | null;
};

/**
 * The user a bearer token acts for, or null when it is unknown, revoked, expired or disabled.
 * Raw SQL on purpose: this runs on every API call, and one join costs a fraction of the ORM query.
 */
export async function resolveApiToken(token: string) {
  const [row] = await db().$queryRaw<TTokenRow[]>`
    SELECT t."id" AS "tokenId", t."expiresAt", t."lastUsedAt", t."revokedAt", t."workspaceId", t."runId", t."scopeRole"::text AS "scopeRole",
           u."id", u."email", u."name", u."isAdmin", u."disabledAt"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
    WHERE t."tokenHash" = ${hashTokenSecret(token)}`;
  if (!row || row.revokedAt || row.disabledAt) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db().$executeRaw`UPDATE "ApiToken" SET "lastUsedAt" = now() WHERE "id" = ${row.tokenId}`;
  }
  const { id, email, name, isAdmin, disabledAt } = row;
  const scope = row.workspaceId && row.scopeRole ? { workspaceId: row.workspaceId, runId: row.runId, role: row.scopeRole } : null;
  return { tokenId: row.tokenId, user: { id, email, name, isAdmin, disabledAt }, scope };
}
