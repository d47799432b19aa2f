import { describe, expect, it } from "vitest";
import { parseRunFilter } from "./run-filter";

describe("run filter grammar", () => {
  it("parses metrics, params, tags and attributes joined by AND", () => {
    expect(parseRunFilter("metrics.acc > 0.9 and params.lr = '0.01' AND tags.model = \"cnn\" and status = 'FINISHED'")).toEqual([
      { entity: "metric", key: "acc", op: ">", value: 0.9 },
      { entity: "param", key: "lr", op: "=", value: "0.01" },
      { entity: "tag", key: "model", op: "=", value: "cnn" },
      { entity: "attribute", key: "status", op: "=", value: "FINISHED" },
    ]);
  });

  it("reads quoted keys, LIKE, IN and NOT IN", () => {
    expect(parseRunFilter("metrics.`f1-score` >= 1e-3 and tags.team ILIKE 'vis%' and attributes.run_id NOT IN ('a', 'b')")).toEqual([
      { entity: "metric", key: "f1-score", op: ">=", value: 0.001 },
      { entity: "tag", key: "team", op: "ILIKE", value: "vis%" },
      { entity: "attribute", key: "id", op: "NOT IN", value: ["a", "b"] },
    ]);
  });

  it.each([
    ["metrics.acc > 'high'", /compares with a number/],
    ["params.lr > 0.1", /compares with = != LIKE ILIKE/],
    ["metrics.acc > 0.9 or params.lr = '1'", /OR is not supported/],
    ["metrix.acc > 1", /unknown prefix 'metrix'/],
    ["colour = 'red'", /unknown attribute 'colour'/],
    ["metrics.acc >", /expected a value at the end/],
    ["metrics.acc > 0.9 and", /expected a condition after AND/],
    ["params.lr = 0.01", /quoted string/],
    ["tags.a IN ('x')", /IN works on attributes only/],
    ["metrics.acc ~ 1", /unexpected '~ 1'/],
  ])("explains what is wrong with %s", (filter, message) => {
    expect(() => parseRunFilter(filter)).toThrow(message);
  });

  it("accepts an empty filter", () => {
    expect(parseRunFilter("  ")).toEqual([]);
  });
});
