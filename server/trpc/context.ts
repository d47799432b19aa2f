import "server-only";
import type { TCallerResult } from "../auth/resolve-caller";
import type { TCaller } from "../auth/resolve-token-caller";
import { env } from "../env";

export type TContext = {
  caller: TCaller | null;
  isBadToken: boolean;
  /** Base URL for links the API hands out (invitations), as the caller reached us. */
  origin: string;
  headers: Headers;
};

/** The context of a call made with `req` by an already resolved caller. */
export function contextFor(req: { url: string; headers: Headers }, { caller, isBadToken }: TCallerResult): TContext {
  return { caller, isBadToken, origin: env().CRUCIBLE_PUBLIC_URL ?? new URL(req.url).origin, headers: req.headers };
}
