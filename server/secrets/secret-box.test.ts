import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box";

describe("secret box", () => {
  it("seals with a fresh nonce each time and opens what it sealed; tampering is detected", () => {
    const a = sealSecret("-----BEGIN PRIVATE KEY-----\nabc\n");
    const b = sealSecret("-----BEGIN PRIVATE KEY-----\nabc\n");
    expect(a).not.toBe(b);
    expect(a).not.toContain("abc");
    expect(openSecret(a)).toBe("-----BEGIN PRIVATE KEY-----\nabc\n");
    const [v, iv, tag, data] = a.split(":");
    const flipped = Buffer.from(data!, "base64");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openSecret([v, iv, tag, flipped.toString("base64")].join(":"))).toThrow();
  });
});
