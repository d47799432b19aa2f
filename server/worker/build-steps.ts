import { parseDockerfileSteps } from "../services/environments/dockerfile-steps";
import { pythonRequirements, type TEnvironmentSpec } from "../services/environments/environment-spec";

export const WHEELS_PATH = "/tmp/crucible-wheels";

/**
 * One container the worker runs and commits, as root with no capabilities: `network` steps on
 * the host's network, `offline` ones with none. `files` are put in first: the Python wheels, or
 * the os_packages' files, which an unprivileged container fetches and unpacks beforehand.
 * `changes` (ENV, WORKDIR, LABEL lines) are applied to the image the step commits.
 */
export type TBuildStep = {
  title: string;
  command: string[] | null;
  access: "network" | "offline";
  files: "wheels" | "os-packages" | null;
  changes: string[];
};

/** The spec's steps in Dockerfile order: os_packages, Python packages, then dockerfile_steps. */
export function buildSteps(spec: TEnvironmentSpec): TBuildStep[] {
  const steps: TBuildStep[] = [];
  if (spec.os_packages.length > 0) {
    steps.push({
      title: "installing os_packages",
      command: null,
      access: "offline",
      files: "os-packages",
      changes: [],
    });
  }
  if (pythonRequirements(spec).length > 0) {
    // pip comes as a wheel among the others, so the image needs no pip of its own.
    steps.push({
      title: "installing Python packages",
      command: [
        "/bin/sh",
        "-c",
        `python3 "$(ls ${WHEELS_PATH}/pip-*.whl | head -n 1)/pip" install --no-index --find-links ${WHEELS_PATH} --no-cache-dir --break-system-packages --root-user-action=ignore --disable-pip-version-check -r ${WHEELS_PATH}/requirements.txt && rm -rf ${WHEELS_PATH}`,
      ],
      access: "offline",
      files: "wheels",
      changes: [],
    });
  }
  for (const step of parseDockerfileSteps(spec.dockerfile_steps)) {
    if (step.kind === "run") {
      steps.push({
        title: `the step "${shorten(step.text)}"`,
        command: step.command,
        access: "network",
        files: null,
        changes: [],
      });
    } else {
      // A change goes on the image of the step before it; with none, on a step that runs nothing.
      const last = steps.at(-1) ?? steps[steps.push(configOnly()) - 1]!;
      last.changes.push(step.change);
    }
  }
  // Every image ends with a commit that labels it, even one with nothing to run.
  if (steps.length === 0) steps.push(configOnly());
  return steps;
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, " ");
  return line.length > 100 ? `${line.slice(0, 97)}...` : line;
}

function configOnly(): TBuildStep {
  return { title: "applying the image settings", command: null, access: "offline", files: null, changes: [] };
}
