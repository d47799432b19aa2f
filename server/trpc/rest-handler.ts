import "server-only";
import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { createContext } from "./context";
import { formatIssues } from "./format-issues";
import { appRouter } from "./root";

type TRestErrorBody = { code?: string; message?: string; issues?: { path?: PropertyKey[]; message: string }[] };

/** Serves the tRPC procedures that declare an `openapi` path under /api/v1, with errors as `{code, message}`. */
export async function handleRest(req: Request): Promise<Response> {
  const response = await createOpenApiFetchHandler({
    endpoint: "/api/v1",
    router: appRouter,
    createContext: () => createContext(req),
    req,
  });
  if (response.ok || !response.headers.get("content-type")?.includes("json")) return response;
  const body = (await response.json()) as TRestErrorBody;
  const message = body.issues?.length ? `Invalid input: ${formatIssues(body.issues)}` : (body.message ?? "Error");
  const normalised = { code: body.code ?? "INTERNAL_SERVER_ERROR", message, ...(body.issues ? { issues: body.issues } : {}) };
  return Response.json(normalised, { status: response.status });
}
