import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { z } from "zod";
import { env, isOidcConfigured } from "../env";
import { AppError } from "../errors";
import { verifyCredentials } from "../services/auth/verify-credentials";
import { linkOidcUser } from "../services/auth/link-oidc-user";
import { clientIp } from "./client-ip";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

const ZCredentials = z.object({ email: z.string().email(), password: z.string().min(1) });

function providers(): Provider[] {
  const list: Provider[] = [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        try {
          const user = await verifyCredentials(parsed.data.email, parsed.data.password, clientIp(request.headers));
          return { id: user.id, email: user.email, name: user.name };
        } catch (error) {
          if (error instanceof AppError && error.code === "TOO_MANY_REQUESTS") throw new TooManyAttempts();
          throw new InvalidCredentials();
        }
      },
    }),
  ];
  const e = env();
  if (isOidcConfigured(e)) {
    list.push({
      id: "oidc",
      name: e.CRUCIBLE_OIDC_NAME,
      type: "oidc",
      issuer: e.CRUCIBLE_OIDC_ISSUER,
      clientId: e.CRUCIBLE_OIDC_CLIENT_ID,
      clientSecret: e.CRUCIBLE_OIDC_CLIENT_SECRET,
    });
  }
  return list;
}

/** The callbacks of every sign-in (exported for tests, which call the OIDC path directly). */
export const authCallbacks = {
  // An OIDC sign-in is accepted only for a known (or invited-and-signed-up) user, linked by subject.
  async signIn({ account, profile }) {
    if (account?.provider !== "oidc") return true;
    const linked = await linkOidcUser("oidc", account.providerAccountId, profile ?? null);
    return linked !== null;
  },
  async jwt({ token, user, account }) {
    if (account?.provider === "oidc") {
      const linked = await linkOidcUser("oidc", account.providerAccountId, null);
      if (linked) token.sub = linked.id;
    } else if (user?.id) {
      token.sub = user.id;
    }
    return token;
  },
  async session({ session, token }) {
    if (token.sub) session.user.id = token.sub;
    return session;
  },
} satisfies NextAuthConfig["callbacks"];

const config = (): NextAuthConfig => ({
  providers: providers(),
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: env().CRUCIBLE_SESSION_MAX_AGE_S },
  pages: { signIn: "/signin", error: "/signin" },
  // A wrong password is an expected event, counted by the rate limiter, not a server error.
  logger: {
    error(error) {
      if (error.name !== "CredentialsSignin") console.error(error);
    },
  },
  callbacks: authCallbacks,
});

export const { handlers, auth, signIn, signOut } = NextAuth(config);
