import { describe, expect, it } from "vitest";
import { histogramOption, shortNumber, topValuesOption } from "./profile-chart-option";

type TBarOption = { xAxis: { data?: string[] }; yAxis: { data?: string[] }; series: { data: number[] }[] };

describe("profile charts", () => {
  it("labels histogram bins by their edges and keeps one bar per bin", () => {
    const option = histogramOption({ edges: [0, 5, 10], counts: [3, 4.4] }) as unknown as TBarOption;
    expect(option.xAxis.data).toEqual(["0 – 5", "5 – 10"]);
    expect(option.series[0]!.data).toEqual([3, 4]);
  });

  it("puts the most frequent value on top and shortens long ones", () => {
    const option = topValuesOption([
      { value: "a-very-long-category-name", count: 9 },
      { value: "b", count: 2 },
    ]) as unknown as TBarOption;
    expect(option.yAxis.data).toEqual(["b", "a-very-long-c…"]);
    expect(option.series[0]!.data).toEqual([2, 9]);
  });

  it("shortens numbers for axes", () => {
    expect(shortNumber(1_234_567)).toBe("1.23M");
    expect(shortNumber(25_000)).toBe("25k");
    expect(shortNumber(0.0001234)).toBe("1.23e-4");
    expect(shortNumber(0)).toBe("0");
  });
});
