import "server-only";
import { createOpenApiNodeHttpHandler } from "trpc-to-openapi";
import { createContext } from "./create-context";
import { apiErrorResponse, errorResponse, type TApiError } from "../http/error-response";
import { invalidJsonResponse, readJsonBody } from "./rest-protocol";
import { appRouter } from "./root";

type TNodeHandler = ReturnType<typeof createOpenApiNodeHttpHandler>;

// Built once: the library's fetch adapter rebuilds its route table on every request.
let handler: TNodeHandler | undefined;
function openApiHandler(): TNodeHandler {
  handler ??= createOpenApiNodeHttpHandler({
    router: appRouter,
    createContext: ({ req }: { req: unknown }) => createContext(req as Request),
  } as Parameters<typeof createOpenApiNodeHttpHandler>[0]);
  return handler;
}

/**
 * Serves the tRPC procedures that declare an `openapi` path under /api/v1, with errors as
 * `{code, message}`. The request is seen through a proxy with the path made relative to /api/v1
 * and the JSON body already parsed, which is what the node handler expects.
 */
export async function handleRest(req: Request): Promise<Response> {
  let body: Awaited<ReturnType<typeof readJsonBody>>;
  try {
    // Read here, within the route's limit: the library's own reader never runs.
    body = await readJsonBody(req);
  } catch (error) {
    return errorResponse(error);
  }
  if (!body.isValid) return invalidJsonResponse();
  const url = new URL(req.url);
  url.pathname = url.pathname.replace(/^\/api\/v1/, "") || "/";
  const view = new Proxy(req, {
    get(target, prop) {
      if (prop === "url") return url.toString();
      if (prop === "body") return body.data;
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const response = await new Promise<Response>((resolve) => {
    const headers = new Headers();
    let status = 200;
    const res = {
      setHeader: (key: string, value: string | string[]) => {
        for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
      },
      get statusCode() {
        return status;
      },
      set statusCode(code: number) {
        status = code;
      },
      end: (payload: string) => resolve(new Response(payload, { status, headers })),
    };
    void (openApiHandler() as unknown as (rq: unknown, rs: unknown) => Promise<void>)(view, res);
  });
  if (response.ok || !response.headers.get("content-type")?.includes("json")) return response;
  const error = (await response.json()) as Partial<TApiError>;
  return apiErrorResponse({
    code: error.code ?? "INTERNAL_SERVER_ERROR",
    message: error.message ?? "Error",
    issues: error.issues,
  });
}
