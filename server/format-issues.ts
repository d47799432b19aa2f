type TIssue = { path?: readonly PropertyKey[]; message: string };

/** "email: Invalid email address; role: Invalid option", so an error names the offending field. */
export function formatIssues(issues: readonly TIssue[]): string {
  return issues
    .map((i) => {
      const field = (i.path ?? []).map(String).join(".");
      return field ? `${field}: ${i.message}` : i.message;
    })
    .join("; ");
}
