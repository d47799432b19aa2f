import { db } from "../../db";

/** The claims of an OpenID Connect ID token (or userinfo) that sign-in reads. */
export type TOidcClaims = { email?: unknown; email_verified?: unknown };

/**
 * Finds the user behind an OIDC subject. On first sign-in the subject is linked to the existing
 * account with the same email, but only when the provider vouches for that email
 * (`email_verified`): many providers let anyone set an unverified address, which would otherwise
 * hand them that account. Unknown people get no account (sign-up is by invitation).
 */
export async function linkOidcUser(provider: string, subject: string, claims: TOidcClaims | null) {
  const identity = await db().identity.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId: subject } },
    include: { user: true },
  });
  if (identity) return identity.user.disabledAt ? null : identity.user;
  const email = typeof claims?.email === "string" ? claims.email.trim().toLowerCase() : "";
  // Some providers send the claim as the string "true".
  const isEmailVerified = claims?.email_verified === true || claims?.email_verified === "true";
  if (!email || !isEmailVerified) return null;
  const user = await db().user.findUnique({ where: { email } });
  if (!user || user.disabledAt) return null;
  await db().identity.create({ data: { userId: user.id, provider, providerAccountId: subject } });
  return user;
}
