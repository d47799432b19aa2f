import { describe, expect, it } from "vitest";
import { BoundedText } from "./bounded-text";

describe("BoundedText", () => {
  it("keeps everything under the limit", () => {
    const text = new BoundedText(100);
    text.append("a\n");
    text.append("b\n");
    expect(text.toString()).toBe("a\nb\n");
  });

  it("keeps the end and says how much was dropped", () => {
    const text = new BoundedText(10);
    for (let i = 0; i < 100; i++) text.append(`${i % 10}\n`);
    const out = text.toString();
    expect(out.startsWith("[190 bytes of earlier log dropped")).toBe(true);
    expect(out.endsWith("5\n6\n7\n8\n9\n")).toBe(true);
  });

  it("cuts one chunk larger than the limit to its end", () => {
    const text = new BoundedText(4);
    text.append("abcdefgh");
    expect(text.toString()).toBe("[4 bytes of earlier log dropped; the build record keeps the last 4 bytes]\nefgh");
  });
});
