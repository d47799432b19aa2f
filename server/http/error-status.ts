import type { TAppErrorCode } from "../errors";

/**
 * The HTTP status of every error code the APIs answer with: AppError's codes, and the few the
 * tRPC and REST layers add on their own (a body that is not JSON, a route that does not exist).
 * REST, the fast routes and MLflow all take their status from here.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  PARSE_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_SUPPORTED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  BAD_GATEWAY: 502,
  SERVICE_UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
} as const satisfies Record<TAppErrorCode | "INTERNAL_SERVER_ERROR", number> & Record<string, number>;

export type TErrorCode = keyof typeof ERROR_STATUS;

export function isErrorCode(code: unknown): code is TErrorCode {
  return typeof code === "string" && Object.hasOwn(ERROR_STATUS, code);
}

/** The status of `code`; a code of no one's (a library's) is a 500. */
export function errorStatus(code: unknown): number {
  return isErrorCode(code) ? ERROR_STATUS[code] : 500;
}
