import { authorizeWorkspace } from "../auth/authorize-workspace";
import { resolveTokenCaller, type TCaller } from "../auth/resolve-token-caller";
import { rememberAccess } from "../database/access-cache";
import { preparedQuery } from "../database/prepared-query";
import type { Action } from "../rbac/actions";
import { MlflowError } from "./mlflow-error";

export type TMlflowContext = { workspaceId: string; caller: TCaller };

const selectWorkspaceId = preparedQuery<{ id: string }>(
  "crucible_mlflow_workspace",
  `SELECT "id" FROM "Workspace" WHERE "id" = $1 OR "name" = $1 ORDER BY "id" = $1 DESC LIMIT 1`,
);

/**
 * The caller of an MLflow request: MLFLOW_TRACKING_TOKEN arrives as a bearer token, or
 * MLFLOW_TRACKING_USERNAME/PASSWORD as basic auth with the user's email and a token.
 * The workspace is named in the URL by name or id; access to it is checked by `authorizeMlflow`.
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
  const caller = await resolveTokenCaller(token);
  if (!caller || (claimedEmail && claimedEmail !== caller.email.toLowerCase())) {
    throw new MlflowError("UNAUTHENTICATED", "Invalid or expired token");
  }
  // Remembered as access is: a workspace's rename or removal makes every process forget it.
  const workspace = await rememberAccess(
    `mlflow workspace ${workspaceRef}`,
    async () => (await selectWorkspaceId([workspaceRef]))[0] ?? null,
  );
  if (!workspace) throw new MlflowError("RESOURCE_DOES_NOT_EXIST", `Workspace '${workspaceRef}' not found`);
  return { workspaceId: workspace.id, caller };
}

/**
 * The workspace permission check every MLflow call makes, through the one RBAC module: a
 * non-member gets RESOURCE_DOES_NOT_EXIST, a missing action PERMISSION_DENIED, and a run-scoped
 * token acts only on `runId`, its own run.
 */
export async function authorizeMlflow(ctx: TMlflowContext, action: Action, runId?: string): Promise<void> {
  await authorizeWorkspace(ctx.caller, ctx.workspaceId, action, runId);
}

/** Who an MLflow call acts as, for the audit log. */
export function actorOf(ctx: TMlflowContext): { userId: string; email: string } {
  return { userId: ctx.caller.userId, email: ctx.caller.email };
}
