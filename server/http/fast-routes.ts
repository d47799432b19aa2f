import "server-only";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import { bearerToken, resolveTokenCaller } from "../auth/resolve-token-caller";
import { dispatchMlflow } from "../mlflow/dispatch";
import { contextFor } from "../trpc/context";
import { createCaller } from "../trpc/root";
import { invalidJsonResponse, parseJsonBody, restErrorResponse } from "../trpc/rest-protocol";
import { toFetchRequest, type TBufferedRequest } from "./node-bridge";

export type TFastHandler = (req: TBufferedRequest) => Promise<Response>;

const MLFLOW_PATH = /^\/mlflow\/([^/]+)\/api\/2\.0\/mlflow\/(.+)$/;
const LOG_BATCH_PATH = /^\/api\/v1\/workspaces\/([^/]+)\/runs\/([^/]+)\/log-batch$/;

/**
 * The calls that SDKs and MLflow clients make many times a second, answered before Next.js's
 * router, which costs more than the call itself (about 5 ms a request on two cores). Each one
 * runs the very handler its Next.js route runs, so both ways give the same answers; everything
 * else, and anything a browser session sends, goes to Next.js.
 */
export function matchFastRoute(method: string, pathname: string, authorization: string | null): TFastHandler | null {
  const mlflow = MLFLOW_PATH.exec(pathname);
  if (mlflow) return (req) => dispatchMlflow(toFetchRequest(req), decodeURIComponent(mlflow[1]!), mlflow[2]!);
  const token = bearerToken(authorization);
  const logBatch = method === "POST" && token !== null ? LOG_BATCH_PATH.exec(pathname) : null;
  if (logBatch) return (req) => restLogBatch(req, token!, decodeURIComponent(logBatch[1]!), decodeURIComponent(logBatch[2]!));
  return null;
}

/** `POST /api/v1/workspaces/{workspaceId}/runs/{runId}/log-batch` through the `runs.logBatch` procedure. */
async function restLogBatch(req: TBufferedRequest, token: string, workspaceId: string, runId: string): Promise<Response> {
  const body = parseJsonBody(req.headers.get("content-type"), req.body.toString());
  if (!body.isValid) return invalidJsonResponse();
  const fields = typeof body.data === "object" && body.data !== null && !Array.isArray(body.data) ? body.data : {};
  const caller = await resolveTokenCaller(token);
  try {
    return Response.json(await createCaller(contextFor(req, { caller, isBadToken: !caller })).runs.logBatch({ ...fields, workspaceId, runId }));
  } catch (error) {
    const e = error instanceof TRPCError ? error : new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Internal error", cause: error });
    if (e.code === "INTERNAL_SERVER_ERROR") console.error(error);
    const issues = e.cause instanceof ZodError ? e.cause.issues : undefined;
    return restErrorResponse(getHTTPStatusCodeFromError(e), { code: e.code, message: e.message, issues });
  }
}
