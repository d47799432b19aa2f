import { describe, expect, it } from "vitest";
import { ZEnvironmentSpec } from "../services/environments/environment-spec";
import { buildSteps } from "./build-steps";

const plan = (spec: object) =>
  buildSteps(ZEnvironmentSpec.parse(spec)).map(({ title, access, stage, changes, command }) => ({
    title,
    access,
    stage: stage && { layer: stage.layer, access: stage.access },
    changes,
    runs: command !== null,
  }));

describe("build steps", () => {
  it("stages os_packages on the network and Python packages offline, then runs each RUN on the network, in Dockerfile order", () => {
    expect(
      plan({
        os_packages: ["jq"],
        python_requirements: ["colorama"],
        dockerfile_steps: "ENV A=1\nRUN echo one\nWORKDIR /w\nLABEL x=y\nRUN echo two",
      }),
    ).toEqual([
      {
        title: "installing os_packages",
        access: "offline",
        stage: { layer: "os-packages", access: "network" },
        changes: [],
        runs: false,
      },
      {
        title: "installing Python packages",
        access: "offline",
        stage: { layer: "python-packages", access: "offline" },
        changes: ["ENV A=1"],
        runs: false,
      },
      {
        title: 'the step "RUN echo one"',
        access: "network",
        stage: null,
        changes: ["WORKDIR /w", "LABEL x=y"],
        runs: true,
      },
      { title: 'the step "RUN echo two"', access: "network", stage: null, changes: [], runs: true },
    ]);
  });

  it("applies settings before the first RUN with a step that runs nothing, and always ends with a commit", () => {
    expect(plan({ dockerfile_steps: "ENV A=1\nRUN true" })).toEqual([
      { title: "applying the image settings", access: "offline", stage: null, changes: ["ENV A=1"], runs: false },
      { title: 'the step "RUN true"', access: "network", stage: null, changes: [], runs: true },
    ]);
    expect(plan({})).toEqual([
      { title: "applying the image settings", access: "offline", stage: null, changes: [], runs: false },
    ]);
  });
});
