import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { clientIp, PEER_ADDRESS_HEADER } from "../server/auth/client-ip";
import type * as passwordModule from "../server/services/auth/password";
import { hashPassword, verifyPassword } from "../server/services/auth/password";
import { MAX_FAILURES_PER_IP } from "../server/services/auth/sign-in-rate-limit";
import { verifyCredentials } from "../server/services/auth/verify-credentials";
import { db } from "../server/db";
import { createCaller } from "../server/trpc/root";
import { callerFor, createUser } from "./helpers/actors";

// The real hashing, counted: what matters here is when it runs.
vi.mock("../server/services/auth/password", async (importOriginal) => {
  const actual = await importOriginal<typeof passwordModule>();
  return { ...actual, hashPassword: vi.fn(actual.hashPassword), verifyPassword: vi.fn(actual.verifyPassword) };
});

describe("invitations", () => {
  it("hash no password for an unknown link", async () => {
    vi.mocked(hashPassword).mockClear();
    const token = `inv_${randomUUID().replaceAll("-", "")}`;
    await expect(
      callerFor(null).invitations.accept({ token, name: "Nobody", password: "a-good-password" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(hashPassword).not.toHaveBeenCalled();
  });
});

describe("sign-in for an unknown email", () => {
  it("verifies a password against a hash of the same algorithm and cost as a known email does", async () => {
    const user = await createUser("timed", "right-password");
    vi.mocked(verifyPassword).mockClear();
    await expect(
      verifyCredentials(`unknown-${randomUUID()}@example.test`, "a-guess", "10.7.0.1"),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(verifyPassword).toHaveBeenCalledTimes(1);
    const [hash] = vi.mocked(verifyPassword).mock.calls[0]!;
    const known = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    // The same algorithm and cost as a stored password.
    expect(hash.split("$").slice(0, 4)).toEqual(known.passwordHash!.split("$").slice(0, 4));
  });
});

describe("the client address", () => {
  it("ignores X-Forwarded-For unless proxies are trusted", () => {
    const headers = new Headers({
      [PEER_ADDRESS_HEADER]: "10.0.0.9",
      "x-forwarded-for": "6.6.6.6, 203.0.113.5, 10.0.0.2",
    });
    expect(clientIp(headers, 0)).toBe("10.0.0.9");
    expect(clientIp(headers, 1)).toBe("10.0.0.2");
    expect(clientIp(headers, 2)).toBe("203.0.113.5");
    expect(clientIp(headers, 5)).toBe("10.0.0.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6" }))).toBe("local");
  });

  it("does not let a rotating X-Forwarded-For spray passwords past the per-address limit", async () => {
    const peer = `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const attempt = (i: number) => {
      const headers = new Headers({ [PEER_ADDRESS_HEADER]: peer, "x-forwarded-for": `198.51.100.${i}` });
      const anonymous = createCaller({ caller: null, isBadToken: false, origin: "http://studio.test", headers });
      return anonymous.auth.createToken({
        email: `sprayed-${i}-${randomUUID().slice(0, 6)}@example.test`,
        password: "a-guess",
        name: "spray",
      });
    };
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++)
      await expect(attempt(i)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(attempt(MAX_FAILURES_PER_IP)).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });
});
