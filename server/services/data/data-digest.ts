import { createHash } from "node:crypto";

/**
 * A version's identity: SHA-256 over "path sha256" lines sorted by path, so the same files under
 * the same names give the same digest whatever order they were uploaded in.
 */
export function dataDigest(files: readonly { path: string; sha256: string }[]): string {
  const lines = files
    .map((f) => `${f.path} ${f.sha256}\n`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join("");
  return createHash("sha256").update(lines).digest("hex");
}
