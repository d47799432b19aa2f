import { describe, expect, it } from "vitest";
import { CondaFileError, parseCondaFile } from "./conda-file";

describe("conda files", () => {
  it("takes python, pip and the pip list", () => {
    const file =
      "name: train\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n      - colorama==0.4.6\n      - tabulate\n";
    expect(parseCondaFile(file)).toEqual({ pythonVersion: "3.11", pip: ["colorama==0.4.6", "tabulate"] });
    expect(parseCondaFile({ dependencies: ["python", { pip: ["six"] }] })).toEqual({
      pythonVersion: null,
      pip: ["six"],
    });
  });

  it("names every conda package it cannot resolve, in one error", () => {
    expect(() =>
      parseCondaFile("dependencies:\n  - python=3.11\n  - numpy=1.26\n  - cudatoolkit\n  - pip:\n      - six\n"),
    ).toThrow(
      new CondaFileError(
        "conda_file: these conda packages cannot be resolved (Crucible installs only python, pip and a pip: list; move them under pip: or os_packages): numpy=1.26, cudatoolkit",
      ),
    );
  });

  it("refuses a file that is not a conda environment", () => {
    expect(() => parseCondaFile("dependencies: [")).toThrow(/not valid YAML/);
    expect(() => parseCondaFile({ dependencies: "python" })).toThrow(/dependencies/);
  });
});
