import { rememberAccess } from "../../database/access-cache";
import { preparedQuery } from "../../database/prepared-query";
import type { BuiltInRole } from "../../rbac/roles";
import { hashTokenSecret } from "./token-secret";

type TTokenRow = {
  tokenId: string;
  isUsable: boolean;
  isLastUseStale: boolean;
  expiresAtMs: number | null;
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  workspaceId: string | null;
  runId: string | null;
  scopeRole: BuiltInRole | null;
};

// Timestamps are stored as UTC without a zone. lastUsedAt is informational, to a minute or two:
// writing it on every call would turn each read into a write.
const selectToken = preparedQuery<TTokenRow>(
  "crucible_resolve_api_token",
  `SELECT t."id" AS "tokenId", t."workspaceId", t."runId", t."scopeRole"::text AS "scopeRole",
     (t."revokedAt" IS NULL AND u."disabledAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > now() AT TIME ZONE 'UTC')) AS "isUsable",
     (t."lastUsedAt" IS NULL OR t."lastUsedAt" < (now() AT TIME ZONE 'UTC') - interval '60 seconds') AS "isLastUseStale",
     (extract(epoch FROM t."expiresAt" AT TIME ZONE 'UTC') * 1000)::float8 AS "expiresAtMs",
     u."id", u."email", u."name", u."isAdmin"
   FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
   WHERE t."tokenHash" = $1`,
);
const touchToken = preparedQuery(
  "crucible_touch_api_token",
  `UPDATE "ApiToken" SET "lastUsedAt" = now() AT TIME ZONE 'UTC' WHERE "id" = $1`,
);

/** A run-scoped token's limits: it acts only in this workspace, on this run, with this role. */
export type TTokenScope = { workspaceId: string; runId: string | null; role: BuiltInRole };

export type TResolvedToken = {
  tokenId: string;
  user: { id: string; email: string; name: string; isAdmin: boolean };
  scope: TTokenScope | null;
  expiresAtMs: number | null;
};

/**
 * The user a bearer token acts for, or null when it is unknown, revoked, expired or disabled.
 * Remembered until a change to tokens or users (see access-cache.ts) or the token's expiry.
 */
export function resolveApiToken(token: string): Promise<TResolvedToken | null> {
  const tokenHash = hashTokenSecret(token);
  return rememberAccess(
    `token ${tokenHash}`,
    () => loadToken(tokenHash),
    (t) => t.expiresAtMs ?? Infinity,
  );
}

// A prepared statement on purpose: every API call whose token is not remembered runs it.
async function loadToken(tokenHash: string): Promise<TResolvedToken | null> {
  const [row] = await selectToken([tokenHash]);
  if (!row?.isUsable) return null;
  if (row.isLastUseStale) await touchToken([row.tokenId]);
  const { id, email, name, isAdmin } = row;
  const scope =
    row.workspaceId && row.scopeRole ? { workspaceId: row.workspaceId, runId: row.runId, role: row.scopeRole } : null;
  return { tokenId: row.tokenId, user: { id, email, name, isAdmin }, scope, expiresAtMs: row.expiresAtMs };
}
