export type TAppErrorCode = "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "TOO_MANY_REQUESTS";

/** The one error a service throws; the API layers turn its code into a status. */
export class AppError extends Error {
  constructor(
    public readonly code: TAppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
