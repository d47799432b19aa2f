import "server-only";
import { ZodError } from "zod";
import { findNulCharacter } from "../find-nul-character";
import { formatIssues } from "../format-issues";
import { bodyLimitOf, checkContentLength, readBodyText } from "../http/read-body";
import { ARTIFACT_ENDPOINTS } from "./artifact-endpoints";
import type { TEndpoint } from "./endpoint";
import { EXPERIMENT_ENDPOINTS } from "./experiment-endpoints";
import { authorizeMlflow, resolveMlflowContext } from "./mlflow-context";
import { MlflowError, mlflowStatus, toMlflowError } from "./mlflow-error";
import { parseMlflowJson, stringifyMlflowJson } from "./mlflow-json";
import { RUN_ENDPOINTS } from "./run-endpoints";

export const MLFLOW_ENDPOINTS: Record<string, TEndpoint> = { ...EXPERIMENT_ENDPOINTS, ...RUN_ENDPOINTS, ...ARTIFACT_ENDPOINTS };

export function mlflowResponse(status: number, body: unknown): Response {
  return new Response(stringifyMlflowJson(body), { status, headers: { "content-type": "application/json" } });
}

export function mlflowErrorResponse(error: unknown): Response {
  const e = toMlflowError(error);
  const response = mlflowResponse(mlflowStatus(e.code), { error_code: e.code, message: e.message });
  // A client told its body is too large may still be sending it: close rather than read it all.
  if (e.code === "RESOURCE_EXHAUSTED") response.headers.set("connection", "close");
  return response;
}

/** GET parameters as MLflow clients send them: repeated keys become lists. */
function queryInput(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length > 1 || key.endsWith("_ids") ? all : all[0]!;
  }
  return out;
}

/** The run a request names, for run-scoped tokens; MLflow clients send `run_id` or the older `run_uuid`. */
function runIdOf(raw: unknown): string | undefined {
  const ids = (typeof raw === "object" && raw !== null ? raw : {}) as { run_id?: unknown; run_uuid?: unknown };
  const id = ids.run_id ?? ids.run_uuid;
  return typeof id === "string" ? id : undefined;
}

/** One request under /mlflow/<workspace>/api/2.0/mlflow/<endpoint>: authenticate, authorise, validate, handle. */
export async function dispatchMlflow(req: Request, workspaceRef: string, endpointPath: string): Promise<Response> {
  try {
    const ep = MLFLOW_ENDPOINTS[endpointPath];
    if (!ep) throw new MlflowError("ENDPOINT_NOT_FOUND", `No MLflow endpoint '${endpointPath}'`);
    if (!ep.methods.includes(req.method as TEndpoint["methods"][number])) {
      throw new MlflowError("ENDPOINT_NOT_FOUND", `${req.method} is not allowed on '${endpointPath}'`);
    }
    const maxBodyBytes = bodyLimitOf(req);
    checkContentLength(req.headers, maxBodyBytes);
    const ctx = await resolveMlflowContext(req.headers, workspaceRef);
    let raw: unknown;
    if (req.method === "GET") raw = queryInput(new URL(req.url));
    else {
      const text = await readBodyText(req, maxBodyBytes);
      try {
        raw = parseMlflowJson(text);
      } catch {
        throw new MlflowError("BAD_REQUEST", "The request body is not valid JSON");
      }
    }
    await authorizeMlflow(ctx, ep.action, runIdOf(raw));
    // PostgreSQL cannot store U+0000 in text: refused here, naming the field, rather than failing there.
    const nul = findNulCharacter(raw);
    if (nul) throw new MlflowError("INVALID_PARAMETER_VALUE", `Invalid value for parameter '${nul.join(".")}': it holds a NUL character (U+0000)`);
    const parsed = ep.input.safeParse(raw);
    if (!parsed.success) throw new MlflowError("INVALID_PARAMETER_VALUE", `Invalid value for parameter: ${formatIssues(parsed.error.issues)}`);
    return mlflowResponse(200, await ep.handle(ctx, parsed.data as never));
  } catch (error) {
    if (error instanceof ZodError) return mlflowErrorResponse(new MlflowError("INVALID_PARAMETER_VALUE", formatIssues(error.issues)));
    return mlflowErrorResponse(error);
  }
}
