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

const STATUS = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, TOO_MANY_REQUESTS: 429 } as const;

/** The `{code, message}` answer for an error thrown in a route handler; anything unexpected is a logged 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return Response.json({ code: error.code, message: error.message }, { status: STATUS[error.code] });
  console.error(error);
  return Response.json({ code: "INTERNAL_SERVER_ERROR", message: "Internal error" }, { status: 500 });
}
