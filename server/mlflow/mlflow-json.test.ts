import { expect, it } from "vitest";
import { parseMlflowJson, stringifyMlflowJson } from "./mlflow-json";

it("reads bare NaN and Infinity as Python's json.dumps writes them", () => {
  expect(parseMlflowJson('{"value": NaN, "list": [Infinity, -Infinity, 1], "text": "NaN"}')).toEqual({
    value: "NaN",
    list: ["Infinity", "-Infinity", 1],
    text: "NaN",
  });
});

it("writes non-finite numbers as bare tokens", () => {
  expect(stringifyMlflowJson({ a: Number.NaN, b: [Number.POSITIVE_INFINITY, -Infinity, 2] })).toBe(
    '{"a":NaN,"b":[Infinity,-Infinity,2]}',
  );
});

it("leaves NaN inside string values as it is", () => {
  const text = '{"key": "a", "value": "a:NaN,", "list": ["[NaN]", "x, Infinity]"], "m": -Infinity, "esc": "q\\" NaN,"}';
  expect(parseMlflowJson(text)).toEqual({
    key: "a",
    value: "a:NaN,",
    list: ["[NaN]", "x, Infinity]"],
    m: "-Infinity",
    esc: 'q" NaN,',
  });
});

it("reads a long document in linear time", () => {
  const text = JSON.stringify({ values: Array.from({ length: 100_000 }, (_, i) => `NaN ${i}`) });
  const started = performance.now();
  expect((parseMlflowJson(text) as { values: string[] }).values).toHaveLength(100_000);
  expect(performance.now() - started).toBeLessThan(500);
});
