import { describe, expect, it } from "vitest";
import { layoutLineage } from "./lineage-layout";

describe("layoutLineage", () => {
  it("puts inputs left of the run and outputs right of it, then what read the outputs", () => {
    const nodes = ["model", "train", "raw", "labels", "eval"].map((id) => ({ id }));
    const edges = [
      { from: "raw", to: "train" },
      { from: "labels", to: "train" },
      { from: "train", to: "model" },
      { from: "model", to: "eval" },
    ];
    const { placed, columns, rows } = layoutLineage(nodes, edges);
    const at = Object.fromEntries(placed.map((p) => [p.id, [p.column, p.row]]));
    expect(at).toEqual({ raw: [0, 0], labels: [0, 1], train: [1, 0], model: [2, 0], eval: [3, 0] });
    expect([columns, rows]).toEqual([4, 2]);
  });

  it("places a lone node and survives a cycle", () => {
    expect(layoutLineage([{ id: "a" }], []).placed).toEqual([{ id: "a", column: 0, row: 0 }]);
    const cyclic = layoutLineage(
      [{ id: "a" }, { id: "b" }],
      [
        { from: "a", to: "b" },
        { from: "b", to: "a" },
      ],
    );
    expect(new Set(cyclic.placed.map((p) => p.column)).size).toBe(2);
  });
});
