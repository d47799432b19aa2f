import "server-only";
import { db } from "../db";
import type { BuiltInRole } from "../rbac/roles";
import { resolveApiToken } from "../services/tokens/resolve-api-token";
import { auth } from "./auth";

export type TCaller = {
  userId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  via: "session" | "token";
  /** Set for a run-scoped token: it acts only in this workspace, on this run, with this role. */
  scope: TCallerScope | null;
};

export type TCallerScope = { workspaceId: string; runId: string | null; role: BuiltInRole };

export type TCallerResult = { caller: TCaller | null; isBadToken: boolean };

/** A bearer token wins over a session cookie; a bad token is never silently replaced by the cookie. */
export async function resolveCaller(headers: Headers): Promise<TCallerResult> {
  const authorization = headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) {
    const resolved = await resolveApiToken(authorization.slice(7).trim());
    if (!resolved) return { caller: null, isBadToken: true };
    const u = resolved.user;
    return { caller: { userId: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin, via: "token", scope: resolved.scope }, isBadToken: false };
  }
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return { caller: null, isBadToken: false };
  // Re-read the user so a disabled account loses access before its session expires.
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user || user.disabledAt) return { caller: null, isBadToken: false };
  return { caller: { userId: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, via: "session", scope: null }, isBadToken: false };
}
