import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "@playwright/test";

const SUITE_PYTHON = path.resolve(".crucible-venv/bin/python");

export type TSdkVenv = { python: string; venv: string; wheel: string };

let built: TSdkVenv | undefined;

/**
 * The SDK as users get it: a wheel built from sdk/python (its pyproject and package, nothing
 * else), installed with no index into a venv of its own. The suite's test tools (pytest, mypy)
 * come from the suite's venv through a .pth line, which Python appends after the venv's own
 * site-packages: `crucible` can only come from the wheel. Built once per test process.
 */
export function sdkVenv(): TSdkVenv {
  if (built) return built;
  run("bash", ["scripts/python-venv.sh"]);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "crucible-sdk-"));
  process.once("exit", () => fs.rmSync(root, { recursive: true, force: true }));
  const source = path.join(root, "source");
  fs.mkdirSync(source);
  fs.copyFileSync("sdk/python/pyproject.toml", path.join(source, "pyproject.toml"));
  fs.cpSync("sdk/python/crucible", path.join(source, "crucible"), { recursive: true, filter: (file) => !file.includes("__pycache__") });
  // No build isolation: the build backend is the pinned setuptools of the suite's venv, offline.
  run(SUITE_PYTHON, ["-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "--wheel-dir", path.join(root, "dist"), source]);
  const wheels = fs.readdirSync(path.join(root, "dist")).filter((f) => f.endsWith(".whl"));
  expect(wheels).toHaveLength(1);
  const wheel = path.join(root, "dist", wheels[0]!);

  const venv = path.join(root, "venv");
  run("python3", ["-m", "venv", venv]);
  const python = path.join(venv, "bin", "python");
  run(python, ["-m", "pip", "install", "--no-index", "--no-deps", wheel]);
  const sitePackages = (interpreter: string) => run(interpreter, ["-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).trim();
  fs.writeFileSync(path.join(sitePackages(python), "zz-crucible-test-tools.pth"), `${sitePackages(SUITE_PYTHON)}\n`);
  built = { python, venv, wheel };
  return built;
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: "utf8", timeout: 300_000, env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: "1" } });
  expect(result.status, `${command} ${args.join(" ")}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}
