import { describe, expect, it } from "vitest";
import { differingKeys, unionKeys } from "./compare-keys";

describe("compare keys", () => {
  const runs = [
    { lr: "0.1", epochs: "8", model: "sgd" },
    { lr: "0.01", epochs: "8" },
    { lr: "0.1", epochs: "8", model: "sgd" },
  ];

  it("lists every key once, sorted", () => {
    expect(unionKeys(runs)).toEqual(["epochs", "lr", "model"]);
    expect(unionKeys([])).toEqual([]);
  });

  it("keeps keys that differ, a missing value counting as different", () => {
    expect(differingKeys(runs, unionKeys(runs))).toEqual(["lr", "model"]);
    expect(differingKeys([{ acc: 0.9 }, { acc: 0.9 }], ["acc"])).toEqual([]);
    expect(differingKeys([{ acc: 0.9 }, { acc: "NaN" }], ["acc"])).toEqual(["acc"]);
  });

  it("finds nothing to hide with one record", () => {
    expect(differingKeys([{ a: "1" }], ["a"])).toEqual([]);
  });
});
