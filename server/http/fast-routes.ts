import "server-only";
import { bearerToken, resolveTokenCaller } from "../auth/resolve-token-caller";
import { AppError } from "../errors";
import { dispatchMlflow, mlflowErrorResponse } from "../mlflow/dispatch";
import { contextFor } from "../trpc/context";
import { createCaller } from "../trpc/root";
import { invalidJsonResponse, parseJsonBody } from "../trpc/rest-protocol";
import { bodyLimitFor } from "./body-limits";
import { errorResponse } from "./error-response";
import { toFetchRequest, type TBufferedRequest } from "./node-bridge";

/** A fast route: the most body it reads (null: none, it answers without one) and its handler. */
export type TFastRoute = { maxBodyBytes: number | null; handle: (req: TBufferedRequest) => Promise<Response> };

const MLFLOW_PATH = /^\/mlflow\/([^/]+)\/api\/2\.0\/mlflow\/(.+)$/;
const LOG_BATCH_PATH = /^\/api\/v1\/workspaces\/([^/]+)\/runs\/([^/]+)\/log-batch$/;

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new AppError("BAD_REQUEST", `Invalid percent-encoding in the path: '${part.slice(0, 100)}'`);
  }
}

/**
 * The calls that SDKs and MLflow clients make many times a second, answered before Next.js's
 * router, which costs more than the call itself (about 5 ms a request on two cores). Each one
 * runs the very handler its Next.js route runs, so both ways give the same answers; everything
 * else, and anything a browser session sends, goes to Next.js.
 */
export function matchFastRoute(method: string, pathname: string, authorization: string | null): TFastRoute | null {
  const mlflow = MLFLOW_PATH.exec(pathname);
  if (mlflow) {
    return {
      // Without credentials the answer is 401 whatever the body holds, so it is not read.
      maxBodyBytes: authorization ? bodyLimitFor(pathname) : null,
      handle: async (req) => {
        let workspaceRef: string;
        try {
          workspaceRef = decodePathPart(mlflow[1]!);
        } catch (error) {
          return mlflowErrorResponse(error);
        }
        return dispatchMlflow(toFetchRequest(req), workspaceRef, mlflow[2]!);
      },
    };
  }
  const token = bearerToken(authorization);
  const logBatch = method === "POST" && token !== null ? LOG_BATCH_PATH.exec(pathname) : null;
  if (logBatch)
    return {
      maxBodyBytes: bodyLimitFor(pathname),
      handle: (req) => restLogBatch(req, token!, logBatch[1]!, logBatch[2]!),
    };
  return null;
}

/** `POST /api/v1/workspaces/{workspaceId}/runs/{runId}/log-batch` through the `runs.logBatch` procedure. */
async function restLogBatch(
  req: TBufferedRequest,
  token: string,
  rawWorkspaceId: string,
  rawRunId: string,
): Promise<Response> {
  try {
    const workspaceId = decodePathPart(rawWorkspaceId);
    const runId = decodePathPart(rawRunId);
    const body = parseJsonBody(req.headers.get("content-type"), req.body.toString());
    if (!body.isValid) return invalidJsonResponse();
    const fields = typeof body.data === "object" && body.data !== null && !Array.isArray(body.data) ? body.data : {};
    const caller = await resolveTokenCaller(token);
    return Response.json(
      await createCaller(contextFor(req, { caller, isBadToken: !caller })).runs.logBatch({
        ...fields,
        workspaceId,
        runId,
      }),
    );
  } catch (error) {
    return errorResponse(error);
  }
}
