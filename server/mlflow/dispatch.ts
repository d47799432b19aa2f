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
import { LOGGED_MODEL_ENDPOINTS } from "./logged-model-endpoints";
import { MODEL_VERSION_ENDPOINTS } from "./model-version-endpoints";
import { REGISTERED_MODEL_ENDPOINTS } from "./registered-model-endpoints";
import { RUN_ENDPOINTS } from "./run-endpoints";

/**
 * Keyed by path under api/2.0/mlflow/; a key may start with a method, where one path has several
 * (MLflow 3's logged models), and `{name}` segments take that part of the path as input `name`.
 */
export const MLFLOW_ENDPOINTS: Record<string, TEndpoint> = {
  ...EXPERIMENT_ENDPOINTS,
  ...RUN_ENDPOINTS,
  ...ARTIFACT_ENDPOINTS,
  ...LOGGED_MODEL_ENDPOINTS,
  ...REGISTERED_MODEL_ENDPOINTS,
  ...MODEL_VERSION_ENDPOINTS,
};

const PATTERNS = Object.entries(MLFLOW_ENDPOINTS).flatMap(([key, ep]) => {
  const [method, pattern] = key.includes(" ") ? key.split(" ") : [null, key];
  return pattern!.includes("{") ? [{ method, segments: pattern!.split("/"), ep }] : [];
});

/** The endpoint of a method and path, with the path's `{name}` segments; null when the path has none. */
function findEndpoint(
  method: string,
  endpointPath: string,
): { ep: TEndpoint; pathInput: Record<string, string> } | null {
  const ep = MLFLOW_ENDPOINTS[`${method} ${endpointPath}`] ?? MLFLOW_ENDPOINTS[endpointPath];
  if (ep) return { ep, pathInput: {} };
  const parts = endpointPath.split("/");
  let found: { ep: TEndpoint; pathInput: Record<string, string> } | null = null;
  for (const p of PATTERNS) {
    if (p.segments.length !== parts.length) continue;
    const pathInput: Record<string, string> = {};
    const isMatch = p.segments.every((s, i) =>
      s.startsWith("{")
        ? ((pathInput[s.slice(1, -1)] = decodeURIComponent(parts[i]!)), parts[i] !== "")
        : s === parts[i],
    );
    if (!isMatch) continue;
    if (p.method === null || p.method === method) return { ep: p.ep, pathInput };
    // The path exists for other methods: remembered so the answer names the method as the problem.
    found ??= { ep: p.ep, pathInput };
  }
  return found;
}

export function mlflowResponse(status: number, body: unknown): Response {
  return new Response(stringifyMlflowJson(body), { status, headers: { "content-type": "application/json" } });
}

export function mlflowErrorResponse(error: unknown): Response {
  const e = toMlflowError(error);
  return mlflowResponse(mlflowStatus(e.code), { error_code: e.code, message: e.message });
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
    const found = findEndpoint(req.method, endpointPath);
    if (!found) throw new MlflowError("ENDPOINT_NOT_FOUND", `No MLflow endpoint '${endpointPath}'`);
    const { ep, pathInput } = found;
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
    if (Object.keys(pathInput).length) raw = { ...(typeof raw === "object" && raw !== null ? raw : {}), ...pathInput };
    // An endpoint that knows its run from what it acts on never takes one from the body, which
    // could name the token's own run; only a run-scoped token pays for that lookup.
    const body = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const runId = !ep.runOf ? runIdOf(raw) : ctx.caller.scope?.runId ? await ep.runOf(ctx, body) : undefined;
    await authorizeMlflow(ctx, ep.action, runId);
    // PostgreSQL cannot store U+0000 in text: refused here, naming the field, rather than failing there.
    const nul = findNulCharacter(raw);
    if (nul)
      throw new MlflowError(
        "INVALID_PARAMETER_VALUE",
        `Invalid value for parameter '${nul.join(".")}': it holds a NUL character (U+0000)`,
      );
    const parsed = ep.input.safeParse(raw);
    if (!parsed.success)
      throw new MlflowError(
        "INVALID_PARAMETER_VALUE",
        `Invalid value for parameter: ${formatIssues(parsed.error.issues)}`,
      );
    return mlflowResponse(200, await ep.handle(ctx, parsed.data as never));
  } catch (error) {
    if (error instanceof ZodError)
      return mlflowErrorResponse(new MlflowError("INVALID_PARAMETER_VALUE", formatIssues(error.issues)));
    return mlflowErrorResponse(error);
  }
}
