import { resolveApiToken, type TTokenScope } from "../services/tokens/resolve-api-token";

export type TCaller = {
  userId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  via: "session" | "token";
  /** Set for a run-scoped token: it acts only in this workspace, on this run, with this role. */
  scope: TCallerScope | null;
  /** For a token: when it expires (null: never). */
  tokenExpiresAt?: Date | null;
};

export type TCallerScope = TTokenScope;

/** The bearer token in an Authorization header, or null when the header carries none. */
export function bearerToken(authorization: string | null): string | null {
  return authorization?.toLowerCase().startsWith("bearer ") ? authorization.slice(7).trim() : null;
}

/** The caller a bearer token acts for, or null when the token is unknown, revoked or expired. */
export async function resolveTokenCaller(token: string): Promise<TCaller | null> {
  const resolved = await resolveApiToken(token);
  if (!resolved) return null;
  const u = resolved.user;
  const tokenExpiresAt = resolved.expiresAtMs === null ? null : new Date(resolved.expiresAtMs);
  return {
    userId: u.id,
    email: u.email,
    name: u.name,
    isAdmin: u.isAdmin,
    via: "token",
    scope: resolved.scope,
    tokenExpiresAt,
  };
}
