import { expect, it } from "vitest";
import { flattenRunTree } from "./run-tree";

const runs = [
  { id: "a", parentRunId: null },
  { id: "a1", parentRunId: "a" },
  { id: "a1x", parentRunId: "a1" },
  { id: "b", parentRunId: null },
  { id: "orphan", parentRunId: "not-loaded" },
];

it("hides children until their parent is expanded", () => {
  expect(flattenRunTree(runs, new Set()).map((r) => [r.run.id, r.depth, r.childCount])).toEqual([
    ["a", 0, 1],
    ["b", 0, 0],
    ["orphan", 0, 0],
  ]);
});

it("nests to any depth when expanded", () => {
  expect(flattenRunTree(runs, new Set(["a", "a1"])).map((r) => `${r.depth}:${r.run.id}`)).toEqual([
    "0:a",
    "1:a1",
    "2:a1x",
    "0:b",
    "0:orphan",
  ]);
});
