import { expect, it } from "vitest";
import { parseMlflowJson, stringifyMlflowJson } from "./mlflow-json";

it("reads bare NaN and Infinity as Python's json.dumps writes them", () => {
  expect(parseMlflowJson('{"value": NaN, "list": [Infinity, -Infinity, 1], "text": "NaN"}')).toEqual({ value: "NaN", list: ["Infinity", "-Infinity", 1], text: "NaN" });
});

it("writes non-finite numbers as bare tokens", () => {
  expect(stringifyMlflowJson({ a: Number.NaN, b: [Number.POSITIVE_INFINITY, -Infinity, 2] })).toBe('{"a":NaN,"b":[Infinity,-Infinity,2]}');
});
