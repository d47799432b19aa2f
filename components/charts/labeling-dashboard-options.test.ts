import { describe, expect, it } from "vitest";
import { agreementOption, labelDistributionOption, statusOption, throughputOption } from "./labeling-dashboard-options";

type TSeries = { name?: string; data: unknown[]; stack?: string };
const series = (option: unknown) => (option as { series: TSeries[] }).series;

describe("labeling dashboard charts", () => {
  it("stacks items by status, leaving out an empty 'unreadable'", () => {
    const option = statusOption({ todo: 5, inProgress: 2, needsReview: 1, done: 3, broken: 0 });
    expect(series(option).map((s) => [s.name, s.data[0]])).toEqual([
      ["Not started", 5],
      ["In progress", 2],
      ["Needs review", 1],
      ["Done", 3],
    ]);
  });

  it("puts each person's submissions on their day, zero where they did none", () => {
    const option = throughputOption([
      { email: "b@x", day: "2026-11-30T00:00:00Z", submitted: 4 },
      { email: "a@x", day: "2026-12-01T00:00:00Z", submitted: 2 },
      { email: "b@x", day: "2026-12-01T00:00:00Z", submitted: 1 },
    ]);
    expect((option as { xAxis: { data: string[] } }).xAxis.data).toEqual(["2026-11-30", "2026-12-01"]);
    expect(series(option).map((s) => [s.name, s.data])).toEqual([
      ["a@x", [0, 2]],
      ["b@x", [4, 1]],
    ]);
  });

  it("colours labels by the project's colours and shows agreement in percent", () => {
    const labels = labelDistributionOption([
      { name: "cat", color: "#ff0000", count: 3 },
      { name: "dog", color: "#00ff00", count: 1 },
    ]);
    expect(series(labels)[0]!.data).toEqual([
      { value: 1, itemStyle: { color: "#00ff00" } },
      { value: 3, itemStyle: { color: "#ff0000" } },
    ]);
    const agreement = agreementOption([
      { email: "a@x", agreement: 0.5 },
      { email: "b@x", agreement: null },
    ]);
    expect(series(agreement)[0]!.data).toEqual([50]);
  });
});
