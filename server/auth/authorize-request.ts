import "server-only";
import { AppError } from "../errors";
import type { Action } from "../rbac/actions";
import { authorizeWorkspace } from "./authorize-workspace";
import { resolveCaller } from "./resolve-caller";

/**
 * For the REST routes that are not tRPC procedures (streamed uploads and downloads): the same
 * caller resolution and the same permission check, with the same answers (401, 404, 403).
 */
export async function authorizeWorkspaceRequest(req: Request, workspaceId: string, action: Action, runId?: string) {
  const { caller, isBadToken } = await resolveCaller(req.headers);
  if (!caller) throw new AppError("UNAUTHORIZED", isBadToken ? "Invalid or expired token" : "Sign in required");
  return { caller, access: await authorizeWorkspace(caller, workspaceId, action, runId) };
}
