import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { jobFormToYaml } from "./job-yaml";

describe("jobFormToYaml", () => {
  it("writes the spec the CLI would submit, numbers as numbers, empty fields left out", () => {
    const yaml = jobFormToYaml({
      experimentName: "digits",
      displayName: "",
      command: "python train.py --epochs ${{inputs.epochs}}",
      environment: "crucible-sklearn:1",
      compute: "local",
      inputs: "epochs: 5\nname = cnn",
      cpu: "",
      memory: "2g",
      timeout: "600",
    });
    expect(parse(yaml)).toEqual({
      $schema: "https://azuremlschemas.azureedge.net/latest/commandJob.schema.json",
      command: "python train.py --epochs ${{inputs.epochs}}",
      environment: "crucible-sklearn:1",
      compute: "local",
      experiment_name: "digits",
      inputs: { epochs: 5, name: "cnn" },
      resources: { memory: "2g" },
      limits: { timeout: 600 },
    });
  });
});
