import { describe, expect, it } from "vitest";
import { parseRunFilter } from "./run-filter";

describe("run filter grammar", () => {
  it("parses metrics, params, tags and attributes joined by AND", () => {
    expect(
      parseRunFilter("metrics.acc > 0.9 and params.lr = '0.01' AND tags.model = \"cnn\" and status = 'FINISHED'"),
    ).toEqual([
      { entity: "metric", key: "acc", op: ">", value: 0.9 },
      { entity: "param", key: "lr", op: "=", value: "0.01" },
      { entity: "tag", key: "model", op: "=", value: "cnn" },
      { entity: "attribute", key: "status", op: "=", value: "FINISHED" },
    ]);
  });

  it("reads quoted keys, LIKE, IN and NOT IN", () => {
    expect(
      parseRunFilter("metrics.`f1-score` >= 1e-3 and tags.team ILIKE 'vis%' and attributes.run_id NOT IN ('a', 'b')"),
    ).toEqual([
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
    // A filter's \\ is one backslash: the pattern `a\` escapes nothing, where `a\\` is a backslash.
    ["params.lr LIKE 'a\\\\'", /cannot end with the escape character/],
  ])("explains what is wrong with %s", (filter, message) => {
    expect(() => parseRunFilter(filter)).toThrow(message);
  });

  it("takes a LIKE pattern that ends in an escaped backslash", () => {
    expect(parseRunFilter("params.lr LIKE 'a\\\\\\\\'")[0]).toMatchObject({ value: "a\\\\" });
  });

  it("accepts an empty filter", () => {
    expect(parseRunFilter("  ")).toEqual([]);
  });
});

describe("the grammars on hostile input, within their length caps", () => {
  const within100ms = (what: string, run: () => unknown) => {
    const started = performance.now();
    try {
      run();
    } catch {
      // refused is fine; slow is not
    }
    expect(performance.now() - started, what).toBeLessThan(100);
  };

  it("parse in linear time", async () => {
    const { parseOrderBy } = await import("./run-filter-sql");
    const { ATTRIBUTES, MAX_FILTER_LENGTH, MAX_ORDER_BY_LENGTH } = await import("./run-filter");
    const spaces = (n: number) => " ".repeat(n);
    within100ms("order_by of spaces", () =>
      parseOrderBy(`metrics.a${spaces(MAX_ORDER_BY_LENGTH - 20)}b DESC`, ATTRIBUTES),
    );
    within100ms("order_by of 10k spaces", () => parseOrderBy(`a${spaces(10_000)}b`, ATTRIBUTES));
    within100ms("filter of spaces", () => parseRunFilter(`params.x = 'a'${spaces(MAX_FILTER_LENGTH - 30)}!`));
    within100ms("filter of digits", () => parseRunFilter(`metrics.a > ${"1".repeat(MAX_FILTER_LENGTH - 20)}x`));
    within100ms("unclosed quote", () => parseRunFilter(`params.x = '${"\\a".repeat(MAX_FILTER_LENGTH / 2 - 20)}`));
  });

  it("reads order_by as before", async () => {
    const { parseOrderBy } = await import("./run-filter-sql");
    const { ATTRIBUTES } = await import("./run-filter");
    expect(parseOrderBy("metrics.acc DESC", ATTRIBUTES)).toEqual({ entity: "metric", key: "acc", isDescending: true });
    expect(parseOrderBy("  metrics.`f1 score`   asc ", ATTRIBUTES)).toEqual({
      entity: "metric",
      key: "f1 score",
      isDescending: false,
    });
    expect(parseOrderBy("attributes.run_name", ATTRIBUTES)).toEqual({
      entity: "attribute",
      key: "name",
      isDescending: false,
    });
    expect(parseOrderBy("run name DESC", ATTRIBUTES)).toEqual({ entity: "attribute", key: "name", isDescending: true });
    expect(parseOrderBy("params.lr", ATTRIBUTES)).toEqual({ entity: "param", key: "lr", isDescending: false });
    expect(() => parseOrderBy("colour", ATTRIBUTES)).toThrow(/unknown attribute/);
    expect(() => parseOrderBy("metrics.a;drop", ATTRIBUTES)).toThrow(/Invalid order_by/);
  });
});
