import { AppError } from "../errors";

/** MLflow's error codes (databricks_pb2.ErrorCode) with the HTTP status MLflow's server gives each. */
export const MLFLOW_STATUS = {
  INVALID_PARAMETER_VALUE: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  INVALID_STATE: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  INTERNAL_ERROR: 500,
} as const;
export type TMlflowCode = keyof typeof MLFLOW_STATUS;

export class MlflowError extends Error {
  constructor(
    readonly code: TMlflowCode,
    message: string,
  ) {
    super(message);
  }
}

/** An error of ours in MLflow's words. */
export function toMlflowError(error: unknown): MlflowError {
  if (error instanceof MlflowError) return error;
  if (error instanceof AppError) {
    const code: TMlflowCode = {
      BAD_REQUEST: "INVALID_PARAMETER_VALUE",
      UNAUTHORIZED: "UNAUTHENTICATED",
      FORBIDDEN: "PERMISSION_DENIED",
      NOT_FOUND: "RESOURCE_DOES_NOT_EXIST",
      CONFLICT: /already exists/i.test(error.message) ? "RESOURCE_ALREADY_EXISTS" : "INVALID_STATE",
      TOO_MANY_REQUESTS: "INVALID_STATE",
    }[error.code] as TMlflowCode;
    return new MlflowError(code, error.message);
  }
  console.error(error);
  return new MlflowError("INTERNAL_ERROR", "Internal error");
}
