import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { AppError } from "../errors";
import { formatIssues } from "../format-issues";
import { errorStatus, isErrorCode } from "./error-status";

export type TApiIssue = { path?: PropertyKey[]; message: string };
export type TApiError = { code: string; message: string; issues?: TApiIssue[] };

/**
 * Any error thrown while answering, in the API's words: AppErrors and tRPC's errors keep their
 * code, invalid input names its fields, and anything else is a 500 whose details stay in the log.
 */
export function toApiError(error: unknown): TApiError {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  if (error instanceof ZodError) return { code: "BAD_REQUEST", message: "Invalid input", issues: error.issues };
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR" && isErrorCode(error.code)) {
    return {
      code: error.code,
      message: error.message,
      issues: error.cause instanceof ZodError ? error.cause.issues : undefined,
    };
  }
  console.error(error);
  return { code: "INTERNAL_SERVER_ERROR", message: "Internal error" };
}

/** The REST API's one error answer, `{code, message}` (with the input issues when there are some), at its code's status. */
export function apiErrorResponse(error: TApiError): Response {
  const message = error.issues?.length ? `Invalid input: ${formatIssues(error.issues)}` : error.message;
  const body = { code: error.code, message, ...(error.issues ? { issues: error.issues } : {}) };
  const status = errorStatus(error.code);
  return Response.json(body, { status });
}

/** `apiErrorResponse(toApiError(error))`: the catch of every route handler that is not a tRPC procedure. */
export function errorResponse(error: unknown): Response {
  return apiErrorResponse(toApiError(error));
}
