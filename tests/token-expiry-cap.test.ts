import { describe, expect, it } from "vitest";
import { resolveTokenCaller } from "../server/auth/resolve-token-caller";
import { createCaller } from "../server/trpc/root";
import { callerFor, createUser } from "./helpers/actors";

const DAY_MS = 86_400_000;

/** The API as a bearer token reaches it. */
async function callerWithToken(token: string) {
  const caller = await resolveTokenCaller(token);
  expect(caller?.via).toBe("token");
  return createCaller({
    caller,
    isBadToken: false,
    origin: "http://studio.test",
    headers: new Headers({ authorization: `Bearer ${token}` }),
  });
}

describe("tokens created with a token", () => {
  it("expire no later than their parent", async () => {
    const user = await createUser("token-parent");
    const parent = await callerFor(user).tokens.create({ name: "one day", expiresInDays: 1 });
    const withToken = await callerWithToken(parent.token);

    const longer = await withToken.tokens.create({ name: "asks for a year", expiresInDays: 365 });
    expect(longer.expiresAt).toEqual(parent.expiresAt);
    const unbounded = await withToken.tokens.create({ name: "asks for no expiry" });
    expect(unbounded.expiresAt).toEqual(parent.expiresAt);
    const shorter = await withToken.tokens.create({ name: "an hour less", expiresInDays: 1 });
    expect(shorter.expiresAt!.getTime()).toBeLessThanOrEqual(parent.expiresAt!.getTime() + 1000);
  });

  it("always expire, even when their parent never does", async () => {
    const user = await createUser("token-forever");
    const parent = await callerFor(user).tokens.create({ name: "no expiry" });
    expect(parent.expiresAt).toBeNull();
    const withToken = await callerWithToken(parent.token);
    await expect(withToken.tokens.create({ name: "also forever" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("expiresInDays"),
    });
    const week = await withToken.tokens.create({ name: "a week", expiresInDays: 7 });
    expect(Math.abs(week.expiresAt!.getTime() - (Date.now() + 7 * DAY_MS))).toBeLessThan(60_000);
  });

  it("leave a signed-in user free to choose", async () => {
    const created = await callerFor(await createUser("token-session")).tokens.create({ name: "no expiry" });
    expect(created.expiresAt).toBeNull();
  });
});
