import { describe, expect, it } from "vitest";
import { signatureRows } from "./signature-rows";

describe("signatureRows", () => {
  it("reads column specs with their types and whether they are required", () => {
    expect(
      signatureRows([
        { type: "double", name: "sepal length", required: true },
        { type: "string", name: "note", required: false },
        { type: "array", items: { type: "long" }, name: "ids" },
      ]),
    ).toEqual([
      { name: "sepal length", type: "double", shape: "", isRequired: true, default: "" },
      { name: "note", type: "string", shape: "", isRequired: false, default: "" },
      { name: "ids", type: "array<long>", shape: "", isRequired: true, default: "" },
    ]);
  });

  it("reads tensor specs as dtype and shape, naming an unnamed one", () => {
    expect(signatureRows([{ type: "tensor", "tensor-spec": { dtype: "float64", shape: [-1, 4] } }])).toEqual([
      { name: "(unnamed)", type: "tensor<float64>", shape: "(-1, 4)", isRequired: true, default: "" },
    ]);
  });

  it("reads params with defaults, and nothing from what is not a list of specs", () => {
    expect(signatureRows([{ name: "temperature", type: "float", default: 0.5, shape: null }])).toEqual([
      { name: "temperature", type: "float", shape: "", isRequired: true, default: "0.5" },
    ]);
    expect(signatureRows("[not json")).toEqual([]);
    expect(signatureRows(null)).toEqual([]);
    expect(signatureRows([1, null, { type: "long" }, { type: "long" }]).map((r) => r.name)).toEqual(["#2", "#3"]);
  });
});
