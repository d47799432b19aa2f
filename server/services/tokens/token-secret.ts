import { createHash, randomBytes } from "node:crypto";

// Tokens carry 256 random bits, so a fast hash is enough: nothing to brute-force, unlike passwords.
export function newTokenSecret(kind: "cru" | "crr" | "inv"): { token: string; prefix: string; hash: string } {
  const token = `${kind}_${randomBytes(32).toString("base64url")}`;
  return { token, prefix: token.slice(0, 10), hash: hashTokenSecret(token) };
}

export function hashTokenSecret(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
