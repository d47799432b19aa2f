import { describe, expect, it } from "vitest";
import { ZEnvironmentSpec } from "../services/environments/environment-spec";
import { buildSteps } from "./build-steps";

const plan = (spec: object) =>
  buildSteps(ZEnvironmentSpec.parse(spec)).map(({ title, access, files, changes, command }) => ({
    title,
    access,
    files,
    changes,
    runs: command !== null,
  }));

describe("build steps", () => {
  it("puts os_packages in place, installs Python packages offline, then runs each RUN on the network, in Dockerfile order", () => {
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
        files: "os-packages",
        changes: [],
        runs: false,
      },
      { title: "installing Python packages", access: "offline", files: "wheels", changes: ["ENV A=1"], runs: true },
      {
        title: 'the step "RUN echo one"',
        access: "network",
        files: null,
        changes: ["WORKDIR /w", "LABEL x=y"],
        runs: true,
      },
      { title: 'the step "RUN echo two"', access: "network", files: null, changes: [], runs: true },
    ]);
  });

  it("applies settings before the first RUN with a step that runs nothing, and always ends with a commit", () => {
    expect(plan({ dockerfile_steps: "ENV A=1\nRUN true" })).toEqual([
      { title: "applying the image settings", access: "offline", files: null, changes: ["ENV A=1"], runs: false },
      { title: 'the step "RUN true"', access: "network", files: null, changes: [], runs: true },
    ]);
    expect(plan({})).toEqual([
      { title: "applying the image settings", access: "offline", files: null, changes: [], runs: false },
    ]);
  });
});
