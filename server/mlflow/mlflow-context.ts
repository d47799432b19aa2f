import { db } from "../db";
import { assertCan, type TResolvedRole } from "../rbac/access";
import type { Action } from "../rbac/actions";
import { resolveApiToken } from "../services/tokens/resolve-api-token";
import { resolveWorkspaceAccess } from "../services/workspaces/resolve-workspace-access";
import { MlflowError } from "./mlflow-error";

export type TMlflowContext = { workspaceId: string; userId: string; email: string; role: TResolvedRole };

/**
 * The caller of an MLflow request: MLFLOW_TRACKING_TOKEN arrives as a bearer token, or
 * MLFLOW_TRACKING_USERNAME/PASSWORD as basic auth with the user's email and a token.
 * The workspace is named in the URL by name or id.
 */
export async function resolveMlflowContext(headers: Headers, workspaceRef: string): Promise<TMlflowContext> {
  const authorization = headers.get("authorization") ?? "";
  let token: string | null = null;
  let claimedEmail: string | null = null;
  if (/^bearer /i.test(authorization)) token = authorization.slice(7).trim();
  else if (/^basic /i.test(authorization)) {
    const decoded = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    claimedEmail = decoded.slice(0, colon).trim().toLowerCase();
    token = decoded.slice(colon + 1);
  }
  if (!token) throw new MlflowError("UNAUTHENTICATED", "Set MLFLOW_TRACKING_TOKEN to a Crucible API token");
  const resolved = await resolveApiToken(token);
  if (!resolved || (claimedEmail && claimedEmail !== resolved.user.email.toLowerCase())) {
    throw new MlflowError("UNAUTHENTICATED", "Invalid or expired token");
  }
  const workspace = await db().workspace.findFirst({ where: { OR: [{ id: workspaceRef }, { name: workspaceRef }] }, select: { id: true } });
  const access = workspace ? await resolveWorkspaceAccess(resolved.user.id, workspace.id) : null;
  if (!access) throw new MlflowError("RESOURCE_DOES_NOT_EXIST", `Workspace '${workspaceRef}' not found`);
  return { workspaceId: access.workspace.id, userId: resolved.user.id, email: resolved.user.email, role: access.role };
}

export function requireAction(ctx: TMlflowContext, action: Action): void {
  assertCan(ctx.role, action);
}
