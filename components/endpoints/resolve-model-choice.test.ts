import { describe, expect, it } from "vitest";
import { resolveModelChoice } from "./resolve-model-choice";

const versions = [
  { version: 1, isArchived: false, type: "mlflow_model" },
  { version: 2, isArchived: false, type: "custom_model" },
  { version: 3, isArchived: true, type: "mlflow_model" },
];
const aliases = [{ alias: "champion", version: 1 }];

describe("resolveModelChoice", () => {
  it("finds a version by number, by alias, and latest among those not archived", () => {
    expect(resolveModelChoice(versions, aliases, { name: "iris", version: "2" })?.type).toBe("custom_model");
    expect(resolveModelChoice(versions, aliases, { name: "iris", version: "champion" })?.version).toBe(1);
    expect(resolveModelChoice(versions, aliases, { name: "iris", version: "latest" })?.version).toBe(2);
  });

  it("is null for an unknown version or alias, and for a model without versions", () => {
    expect(resolveModelChoice(versions, aliases, { name: "iris", version: "9" })).toBeNull();
    expect(resolveModelChoice(versions, aliases, { name: "iris", version: "staging" })).toBeNull();
    expect(resolveModelChoice([], [], { name: "iris", version: "latest" })).toBeNull();
  });
});
