import { preparedQuery } from "../../database/prepared-query";
import type { BuiltInRole } from "../../rbac/roles";
import { hashTokenSecret } from "./token-secret";

type TTokenRow = {
  tokenId: string;
  isUsable: boolean;
  isLastUseStale: boolean;
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  workspaceId: string | null;
  runId: string | null;
  scopeRole: BuiltInRole | null;
};

// Timestamps are stored as UTC without a zone. lastUsedAt is informational, to the minute:
// writing it on every call would turn each read into a write.
const selectToken = preparedQuery<TTokenRow>(
  "crucible_resolve_api_token",
  `SELECT t."id" AS "tokenId", t."workspaceId", t."runId", t."scopeRole"::text AS "scopeRole",
     (t."revokedAt" IS NULL AND u."disabledAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > now() AT TIME ZONE 'UTC')) AS "isUsable",
     (t."lastUsedAt" IS NULL OR t."lastUsedAt" < (now() AT TIME ZONE 'UTC') - interval '60 seconds') AS "isLastUseStale",
     u."id", u."email", u."name", u."isAdmin"
   FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
   WHERE t."tokenHash" = $1`,
);
const touchToken = preparedQuery("crucible_touch_api_token", `UPDATE "ApiToken" SET "lastUsedAt" = now() AT TIME ZONE 'UTC' WHERE "id" = $1`);

/**
 * The user a bearer token acts for, or null when it is unknown, revoked, expired or disabled.
 * A prepared statement on purpose: this runs on every API call.
 */
export async function resolveApiToken(token: string) {
  const [row] = await selectToken([hashTokenSecret(token)]);
  if (!row?.isUsable) return null;
  if (row.isLastUseStale) await touchToken([row.tokenId]);
  const { id, email, name, isAdmin } = row;
  const scope = row.workspaceId && row.scopeRole ? { workspaceId: row.workspaceId, runId: row.runId, role: row.scopeRole } : null;
  return { tokenId: row.tokenId, user: { id, email, name, isAdmin }, scope };
}
