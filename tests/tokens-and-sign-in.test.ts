import { describe, expect, it } from "vitest";
import { db } from "../server/db";
import { MAX_FAILURES_PER_EMAIL } from "../server/services/auth/sign-in-rate-limit";
import { verifyCredentials } from "../server/services/auth/verify-credentials";
import { resolveApiToken } from "../server/services/tokens/resolve-api-token";
import { callerFor, createUser } from "./helpers/actors";

describe("personal API tokens", () => {
  it("are shown once, stored hashed, listed and revocable", async () => {
    const user = await createUser("token-owner");
    const caller = callerFor(user);
    const created = await caller.tokens.create({ name: "laptop", expiresInDays: 30 });
    expect(created.token).toMatch(/^cru_/);
    const stored = await db().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.tokenHash).not.toContain(created.token);
    expect((await resolveApiToken(created.token))?.user.id).toBe(user.id);

    const listed = await caller.tokens.list();
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.token);

    await caller.tokens.revoke({ tokenId: created.id });
    expect(await resolveApiToken(created.token)).toBeNull();
    expect(await caller.tokens.list()).toEqual([]);
  });

  it("stop working when expired", async () => {
    const user = await createUser("expiring");
    const created = await callerFor(user).tokens.create({ name: "short" });
    await db().apiToken.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await resolveApiToken(created.token)).toBeNull();
  });

  it("cannot be revoked by another user", async () => {
    const owner = await createUser("a");
    const created = await callerFor(owner).tokens.create({ name: "mine" });
    await expect(callerFor(await createUser("b")).tokens.revoke({ tokenId: created.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("can be had for an email and password", async () => {
    const user = await createUser("cli", "cli-password-1");
    const result = await callerFor(null).auth.createToken({
      email: user.email,
      password: "cli-password-1",
      name: "cli",
    });
    expect((await resolveApiToken(result.token))?.user.email).toBe(user.email);
    await expect(
      callerFor(null).auth.createToken({ email: user.email, password: "wrong", name: "cli" }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("sign-in", () => {
  it("is rate limited after repeated failures, even with the right password", async () => {
    const user = await createUser("guessed", "right-password");
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      await expect(verifyCredentials(user.email, "wrong", "10.9.9.9")).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
    await expect(verifyCredentials(user.email, "right-password", "10.9.9.9")).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
  });

  it("accepts the right password and refuses a disabled account", async () => {
    const user = await createUser("ok", "right-password");
    await expect(verifyCredentials(user.email.toUpperCase(), "right-password", "127.0.0.1")).resolves.toMatchObject({
      id: user.id,
    });
    await db().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    await expect(verifyCredentials(user.email, "right-password", "127.0.0.1")).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("keeps self sign-up off unless configured", async () => {
    await expect(
      callerFor(null).auth.signUp({ email: "self@example.test", name: "Self", password: "a-good-password" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
