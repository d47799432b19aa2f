import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dataDigest } from "./data-digest";

describe("dataDigest", () => {
  const a = { path: "a.csv", sha256: "1".repeat(64) };
  const b = { path: "dir/b.csv", sha256: "2".repeat(64) };

  it("is the SHA-256 of the sorted 'path sha256' lines", () => {
    const expected = createHash("sha256").update(`a.csv ${a.sha256}\ndir/b.csv ${b.sha256}\n`).digest("hex");
    expect(dataDigest([b, a])).toBe(expected);
  });

  it("does not depend on upload order, and changes with a name or a content", () => {
    expect(dataDigest([a, b])).toBe(dataDigest([b, a]));
    expect(dataDigest([a, { ...b, path: "dir/c.csv" }])).not.toBe(dataDigest([a, b]));
    expect(dataDigest([a, { ...b, sha256: "3".repeat(64) }])).not.toBe(dataDigest([a, b]));
  });
});
