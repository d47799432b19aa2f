import "server-only";
import { env } from "../env";
import { resolveCaller } from "../auth/resolve-caller";
import type { TCaller } from "../auth/resolve-token-caller";

export type TContext = {
  caller: TCaller | null;
  isBadToken: boolean;
  /** Base URL for links the API hands out (invitations), as the caller reached us. */
  origin: string;
  headers: Headers;
};

export async function createContext(req: Request): Promise<TContext> {
  const { caller, isBadToken } = await resolveCaller(req.headers);
  return { caller, isBadToken, origin: env().CRUCIBLE_PUBLIC_URL ?? new URL(req.url).origin, headers: req.headers };
}
