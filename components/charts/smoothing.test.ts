import { expect, it } from "vitest";
import { emaSmooth } from "./smoothing";

it("returns the input unchanged at weight 0", () => {
  expect(emaSmooth([1, 2, 3], 0)).toEqual([1, 2, 3]);
});

it("starts at the first value and lags behind a step change", () => {
  const out = emaSmooth([1, 1, 1, 10, 10], 0.6);
  expect(out[0]).toBeCloseTo(1);
  expect(out[3]!).toBeGreaterThan(1);
  expect(out[3]!).toBeLessThan(10);
  expect(out[4]!).toBeGreaterThan(out[3]!);
});

it("leaves gaps for non-finite values without breaking the average", () => {
  const out = emaSmooth([2, Number.NaN, null, 2], 0.5);
  expect(out[1]).toBeNull();
  expect(out[2]).toBeNull();
  expect(out[3]).toBeCloseTo(2);
});
