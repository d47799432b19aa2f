import { describe, expect, it } from "vitest";
import { isLike, likePattern } from "./match-run";

const like = (text: string, pattern: string) => isLike(text, likePattern(pattern));

describe("isLike", () => {
  it("reads % as any run, _ as any one code point, and a backslash as escaping the next", () => {
    expect(like("resnet", "res%")).toBe(true);
    expect(like("resnet", "%net")).toBe(true);
    expect(like("resnet", "r_snet")).toBe(true);
    expect(like("resnet", "r_net")).toBe(false);
    expect(like("", "%")).toBe(true);
    expect(like("", "_")).toBe(false);
    expect(like("😀 grin", "_ grin")).toBe(true);
    expect(like("a_b", "a\\_b")).toBe(true);
    expect(like("axb", "a\\_b")).toBe(false);
    expect(like("a%b", "a\\%b")).toBe(true);
    expect(like("back\\slash", "%\\\\%")).toBe(true);
    expect(like("abcabd", "%ab_")).toBe(true);
    expect(like("aaa", "a%a%a%a")).toBe(false);
  });

  it("answers where a backtracking regular expression would not finish within the test's time limit", () => {
    expect(like("x".repeat(20_000), "%x%x%x%x%x%x%x%x%y")).toBe(false);
  });
});
