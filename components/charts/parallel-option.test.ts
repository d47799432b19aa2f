import { expect, it } from "vitest";
import { buildParallelOption } from "./parallel-option";

it("makes value axes for numeric params, category axes for others, and the metric last", () => {
  const option = buildParallelOption(
    [
      { name: "a", params: { lr: "0.01", model: "cnn" }, metric: 0.9 },
      { name: "b", params: { lr: "0.1", model: "mlp" }, metric: 0.7 },
    ],
    ["lr", "model"],
    "acc",
  ) as {
    parallelAxis: { name: string; type: string; data?: string[] }[];
    series: { data: { value: unknown[] }[] }[];
    visualMap: { min: number; max: number };
  };
  expect(option.parallelAxis.map((a) => [a.name, a.type])).toEqual([
    ["lr", "value"],
    ["model", "category"],
    ["acc", "value"],
  ]);
  expect(option.parallelAxis[1]!.data).toEqual(["cnn", "mlp"]);
  expect(option.series[0]!.data[0]!.value).toEqual([0.01, "cnn", 0.9]);
  expect([option.visualMap.min, option.visualMap.max]).toEqual([0.7, 0.9]);
});
