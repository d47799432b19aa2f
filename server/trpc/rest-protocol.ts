import { formatIssues } from "./format-issues";

export type TRestIssue = { path?: PropertyKey[]; message: string };
export type TRestError = { code?: string; message?: string; issues?: TRestIssue[] };

/** The REST API's one error shape, `{code, message}`, with the input issues when there are some. */
export function restErrorResponse(status: number, error: TRestError): Response {
  const message = error.issues?.length ? `Invalid input: ${formatIssues(error.issues)}` : (error.message ?? "Error");
  const body = { code: error.code ?? "INTERNAL_SERVER_ERROR", message, ...(error.issues ? { issues: error.issues } : {}) };
  return Response.json(body, { status });
}

export const invalidJsonResponse = (): Response =>
  restErrorResponse(400, { code: "PARSE_ERROR", message: "The request body is not valid JSON" });

/** A JSON body when the request says it sends one; no body (or another type) reads as undefined. */
export async function readJsonBody(req: Request): Promise<{ isValid: boolean; data: unknown }> {
  return parseJsonBody(req.headers.get("content-type"), await req.text());
}

/** `readJsonBody` for a body already read. */
export function parseJsonBody(contentType: string | null, text: string): { isValid: boolean; data: unknown } {
  if (!contentType?.includes("application/json") || !text) return { isValid: true, data: undefined };
  try {
    return { isValid: true, data: JSON.parse(text) };
  } catch {
    return { isValid: false, data: undefined };
  }
}
