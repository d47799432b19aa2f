import "server-only";
import { db } from "../db";
import { auth } from "./auth";
import { bearerToken, resolveTokenCaller, type TCaller } from "./resolve-token-caller";

export type TCallerResult = { caller: TCaller | null; isBadToken: boolean };

/** A bearer token wins over a session cookie; a bad token is never silently replaced by the cookie. */
export async function resolveCaller(headers: Headers): Promise<TCallerResult> {
  const token = bearerToken(headers.get("authorization"));
  if (token !== null) {
    const caller = await resolveTokenCaller(token);
    return { caller, isBadToken: !caller };
  }
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return { caller: null, isBadToken: false };
  // Re-read the user so a disabled account loses access before its session expires.
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user || user.disabledAt) return { caller: null, isBadToken: false };
  return {
    caller: { userId: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, via: "session", scope: null },
    isBadToken: false,
  };
}
