import "server-only";
import { resolveCaller } from "../auth/resolve-caller";
import { contextFor, type TContext } from "./context";

/** The context of a call from its cookie session or bearer token. */
export async function createContext(req: Request): Promise<TContext> {
  return contextFor(req, await resolveCaller(req.headers));
}
