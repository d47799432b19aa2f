import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authCallbacks } from "../server/auth/auth";
import { db } from "../server/db";
import { createUser } from "./helpers/actors";

type TSignIn = Parameters<typeof authCallbacks.signIn>[0];

/** The signIn callback as Auth.js calls it after an OIDC provider's callback. */
function oidcSignIn(subject: string, profile: Record<string, unknown>) {
  const account = { provider: "oidc", type: "oidc", providerAccountId: subject };
  return authCallbacks.signIn({ account, profile, user: { id: subject } } as unknown as TSignIn);
}

function identities(userId: string) {
  return db().identity.count({ where: { userId } });
}

describe("OIDC sign-in", () => {
  it("does not link an existing account by an email the provider has not verified", async () => {
    const user = await createUser("oidc-victim");
    expect(await oidcSignIn(`sub-${randomUUID()}`, { email: user.email, email_verified: false })).toBe(false);
    expect(await oidcSignIn(`sub-${randomUUID()}`, { email: user.email })).toBe(false);
    expect(await oidcSignIn(`sub-${randomUUID()}`, { email: user.email, email_verified: "false" })).toBe(false);
    expect(await identities(user.id)).toBe(0);
  });

  it("links by a verified email once, then knows the subject", async () => {
    const user = await createUser("oidc-user");
    const subject = `sub-${randomUUID()}`;
    expect(await oidcSignIn(subject, { email: user.email.toUpperCase(), email_verified: true })).toBe(true);
    expect(await identities(user.id)).toBe(1);
    // Linked by subject from now on, whatever the email claims say.
    expect(await oidcSignIn(subject, { email: "someone-else@example.test", email_verified: false })).toBe(true);
    expect(await identities(user.id)).toBe(1);
  });

  it("gives unknown people no account", async () => {
    expect(
      await oidcSignIn(`sub-${randomUUID()}`, { email: `nobody-${randomUUID()}@example.test`, email_verified: true }),
    ).toBe(false);
  });
});
