import { AppError, type TAppErrorCode } from "../errors";
import { ERROR_STATUS, type TErrorCode } from "../http/error-status";

/**
 * MLflow's error codes (databricks_pb2.ErrorCode), each with the row of the one status table
 * (server/http/error-status.ts) that gives its HTTP status, as MLflow's own server answers it.
 */
const MLFLOW_KIND = {
  INVALID_PARAMETER_VALUE: "BAD_REQUEST",
  // MLflow's server answers 400 for these, where REST says 409.
  RESOURCE_ALREADY_EXISTS: "BAD_REQUEST",
  INVALID_STATE: "BAD_REQUEST",
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHENTICATED: "UNAUTHORIZED",
  PERMISSION_DENIED: "FORBIDDEN",
  RESOURCE_DOES_NOT_EXIST: "NOT_FOUND",
  ENDPOINT_NOT_FOUND: "NOT_FOUND",
  RESOURCE_EXHAUSTED: "PAYLOAD_TOO_LARGE",
  REQUEST_LIMIT_EXCEEDED: "TOO_MANY_REQUESTS",
  INTERNAL_ERROR: "INTERNAL_SERVER_ERROR",
} as const satisfies Record<string, TErrorCode>;
export type TMlflowCode = keyof typeof MLFLOW_KIND;

export function mlflowStatus(code: TMlflowCode): number {
  return ERROR_STATUS[MLFLOW_KIND[code]];
}

export class MlflowError extends Error {
  constructor(
    readonly code: TMlflowCode,
    message: string,
  ) {
    super(message);
  }
}

const FROM_APP_CODE: Record<Exclude<TAppErrorCode, "CONFLICT">, TMlflowCode> = {
  BAD_REQUEST: "INVALID_PARAMETER_VALUE",
  UNAUTHORIZED: "UNAUTHENTICATED",
  FORBIDDEN: "PERMISSION_DENIED",
  NOT_FOUND: "RESOURCE_DOES_NOT_EXIST",
  PAYLOAD_TOO_LARGE: "RESOURCE_EXHAUSTED",
  TOO_MANY_REQUESTS: "REQUEST_LIMIT_EXCEEDED",
  BAD_GATEWAY: "INTERNAL_ERROR",
  SERVICE_UNAVAILABLE: "INTERNAL_ERROR",
  GATEWAY_TIMEOUT: "INTERNAL_ERROR",
};

/** An error of ours in MLflow's words. */
export function toMlflowError(error: unknown): MlflowError {
  if (error instanceof MlflowError) return error;
  if (error instanceof AppError) {
    const code =
      error.code === "CONFLICT"
        ? /already exists/i.test(error.message)
          ? "RESOURCE_ALREADY_EXISTS"
          : "INVALID_STATE"
        : FROM_APP_CODE[error.code];
    return new MlflowError(code, error.message);
  }
  console.error(error);
  return new MlflowError("INTERNAL_ERROR", "Internal error");
}
