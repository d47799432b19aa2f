import { describe, expect, it } from "vitest";
import { ZEnvironmentSpec } from "../services/environments/environment-spec";
import { buildSteps } from "./build-steps";

const plan = (spec: object) =>
  buildSteps(ZEnvironmentSpec.parse(spec)).map(({ title, access, hasWheels, changes, command }) => ({
    title,
    access,
    hasWheels,
    changes,
    runs: command !== null,
  }));

describe("build steps", () => {
  it("runs os_packages as root, Python packages offline, then each RUN, in Dockerfile order", () => {
    expect(
      plan({
        os_packages: ["jq"],
        python_requirements: ["colorama"],
        dockerfile_steps: "ENV A=1\nRUN echo one\nWORKDIR /w\nLABEL x=y\nRUN echo two",
      }),
    ).toEqual([
      { title: "installing os_packages", access: "root", hasWheels: false, changes: [], runs: true },
      { title: "installing Python packages", access: "offline", hasWheels: true, changes: ["ENV A=1"], runs: true },
      {
        title: 'the step "RUN echo one"',
        access: "root",
        hasWheels: false,
        changes: ["WORKDIR /w", "LABEL x=y"],
        runs: true,
      },
      { title: 'the step "RUN echo two"', access: "root", hasWheels: false, changes: [], runs: true },
    ]);
  });

  it("applies settings before the first RUN with a step that runs nothing, and always ends with a commit", () => {
    expect(plan({ dockerfile_steps: "ENV A=1\nRUN true" })).toEqual([
      { title: "applying the image settings", access: "offline", hasWheels: false, changes: ["ENV A=1"], runs: false },
      { title: 'the step "RUN true"', access: "root", hasWheels: false, changes: [], runs: true },
    ]);
    expect(plan({})).toEqual([
      { title: "applying the image settings", access: "offline", hasWheels: false, changes: [], runs: false },
    ]);
  });
});
