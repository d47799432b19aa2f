import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readEnvironmentFile } from "./environment-file";

describe("environment files", () => {
  it("inlines a conda file named relative to the environment file", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "crucible-env-"));
    writeFileSync(path.join(dir, "conda.yml"), "dependencies:\n  - python=3.11\n  - pip:\n      - colorama\n");
    writeFileSync(path.join(dir, "env.yml"), "name: train\nconda_file: conda.yml\n");
    expect(parse(readEnvironmentFile(path.join(dir, "env.yml")))).toEqual({
      name: "train",
      conda_file: "dependencies:\n  - python=3.11\n  - pip:\n      - colorama\n",
    });
  });

  it("leaves an inline conda file and other files as they are", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "crucible-env-"));
    const text = "name: train\nconda_file:\n  dependencies: [python]\n";
    writeFileSync(path.join(dir, "env.yml"), text);
    expect(readEnvironmentFile(path.join(dir, "env.yml"))).toBe(text);
  });
});
