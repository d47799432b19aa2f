/** The message a tRPC error carries, for showing next to the form that caused it. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong";
}
