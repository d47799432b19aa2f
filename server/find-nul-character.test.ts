import { expect, it } from "vitest";
import { findNulCharacter } from "./find-nul-character";

it("finds U+0000 in nested strings and object keys, by path", () => {
  expect(findNulCharacter({ name: "ok", tags: [{ key: "a", value: "b\u0000c" }] })).toEqual(["tags", 0, "value"]);
  expect(findNulCharacter({ params: { "k\u0000": "v" } })).toEqual(["params", "k\u0000"]);
  expect(findNulCharacter("\u0000")).toEqual([]);
});

it("passes anything else, including other control characters and lone surrogates", () => {
  expect(findNulCharacter({ a: "\u0001\t\ud800", b: [1, null, true, { c: "é" }] })).toBeNull();
  expect(findNulCharacter(undefined)).toBeNull();
});
