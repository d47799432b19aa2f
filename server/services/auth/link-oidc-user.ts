import { db } from "../../db";

/**
 * Finds the user behind an OIDC subject. On first sign-in the subject is linked to the
 * existing account with the same email; unknown people get no account (sign-up is by invitation).
 */
export async function linkOidcUser(provider: string, subject: string, email: string | null, _name: string | null) {
  const identity = await db().identity.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId: subject } },
    include: { user: true },
  });
  if (identity) return identity.user.disabledAt ? null : identity.user;
  if (!email) return null;
  const user = await db().user.findUnique({ where: { email: email.toLowerCase() } });
  if (!user || user.disabledAt) return null;
  await db().identity.create({ data: { userId: user.id, provider, providerAccountId: subject } });
  return user;
}
