import { randomBytes } from "node:crypto";

/** A new endpoint key: 32 random bytes, URL-safe, as a Bearer credential. */
export function newEndpointKey(): string {
  return randomBytes(32).toString("base64url");
}
