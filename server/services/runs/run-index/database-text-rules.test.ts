import { describe, expect, it } from "vitest";
import { compareText, lowerText, textRulesOf } from "./database-text-rules";

describe("textRulesOf", () => {
  it("knows the locales that sort by code point, and no other", () => {
    const db = (provider: string, collate: string | null, ctype: string | null, locale: string | null = null) => ({
      provider,
      collate,
      ctype,
      locale,
    });
    expect(textRulesOf(db("b", "C.UTF-8", "C.UTF-8", "C.UTF-8"))).toEqual({ lowerCase: "unicode" });
    expect(textRulesOf(db("b", "C", "C", "C"))).toEqual({ lowerCase: "ascii" });
    expect(textRulesOf(db("c", "C.UTF-8", "C.UTF-8"))).toEqual({ lowerCase: "unicode" });
    expect(textRulesOf(db("c", "C", "C"))).toEqual({ lowerCase: "ascii" });
    expect(textRulesOf(db("c", "POSIX", "C.utf8"))).toEqual({ lowerCase: "unicode" });
    expect(textRulesOf(db("c", "en_US.UTF-8", "en_US.UTF-8"))).toBeNull();
    expect(textRulesOf(db("c", "C", "en_US.UTF-8"))).toBeNull();
    expect(textRulesOf(db("i", "C", "C", "und-x-icu"))).toBeNull();
    expect(textRulesOf(db("b", "C", "C", "PG_UNICODE_FAST"))).toBeNull();
  });
});

describe("compareText", () => {
  it("orders by code point, astral characters after the rest of the basic plane", () => {
    const sorted = ["b", "\uFFFD", "a", "😀", "ab", "", "Z", "\uE000"].sort(compareText);
    expect(sorted).toEqual(["", "Z", "a", "ab", "b", "\uE000", "\uFFFD", "😀"]);
    // Plain UTF-16 order would put the emoji (a surrogate pair) before U+E000.
    expect(compareText("😀", "\uE000")).toBeGreaterThan(0);
    expect(compareText("😀a", "😀b")).toBeLessThan(0);
    expect(compareText("same", "same")).toBe(0);
  });
});

describe("lowerText", () => {
  it("lowers as the database's lower(): simple mappings one code point at a time", () => {
    const unicode = { lowerCase: "unicode" } as const;
    expect(lowerText("ResNet", unicode)).toBe("resnet");
    expect(lowerText("İstanbul", unicode)).toBe("istanbul");
    // No final sigma: Σ is σ wherever it stands.
    expect(lowerText("ΑΣ", unicode)).toBe("ασ");
    expect(lowerText("\u212Aelvin", unicode)).toBe("kelvin");
  });

  it("lowers only ASCII letters under the C locale", () => {
    expect(lowerText("ResNet ΑΣ İ", { lowerCase: "ascii" })).toBe("resnet ΑΣ İ");
  });
});
