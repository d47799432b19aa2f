import { env } from "../env";

/** The connection's own address, set by the studio's server on every request it hands to Next.js (a client's value is overwritten). */
export const PEER_ADDRESS_HEADER = "x-crucible-peer-address";

/**
 * The caller's address, which rate limits count by. Anyone can write X-Forwarded-For, so it is
 * read only behind the proxies the operator declared (CRUCIBLE_TRUST_PROXY): each appends the
 * address it was called from, so the client is the entry that many places from the right.
 */
export function clientIp(headers: Headers, trustedProxies: number = env().CRUCIBLE_TRUST_PROXY): string {
  const peer = headers.get(PEER_ADDRESS_HEADER) || "local";
  if (trustedProxies === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - trustedProxies] ?? peer;
}
