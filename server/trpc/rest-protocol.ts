import { apiErrorResponse } from "../http/error-response";
import { readBodyText } from "../http/read-body";

export const invalidJsonResponse = (): Response =>
  apiErrorResponse({ code: "PARSE_ERROR", message: "The request body is not valid JSON" });

/**
 * A JSON body when the request says it sends one; no body (or another type) reads as undefined.
 * Read within the route's body limit (see server/http/body-limits.ts), else PAYLOAD_TOO_LARGE.
 */
export async function readJsonBody(req: Request): Promise<{ isValid: boolean; data: unknown }> {
  return parseJsonBody(req.headers.get("content-type"), await readBodyText(req));
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
