import { parseDockerfileSteps } from "../services/environments/dockerfile-steps";
import { pythonRequirements, type TEnvironmentSpec } from "../services/environments/environment-spec";
import { debianPackagesCommand } from "./debian-packages";
import { pythonPackagesCommand } from "./python-packages";

/**
 * Files an unprivileged container makes first (as the job's user, with no capabilities), which the
 * engine then puts in place in the step's container: Debian or Python packages.
 */
export type TBuildStage = {
  layer: "os-packages" | "python-packages";
  command: string[];
  access: "network" | "offline";
};

/**
 * One container the worker commits: its `stage`'s files put in, or its `command` run with no
 * capabilities (as the job's user, or root where the host allows it), on the host's network
 * (`network`) or with none (`offline`). `changes` (ENV, WORKDIR, LABEL lines) are applied to the
 * image it commits.
 */
export type TBuildStep = {
  title: string;
  command: string[] | null;
  access: "network" | "offline";
  stage: TBuildStage | null;
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
      stage: { layer: "os-packages", command: debianPackagesCommand(spec.os_packages), access: "network" },
      changes: [],
    });
  }
  if (pythonRequirements(spec).length > 0) {
    steps.push({
      title: "installing Python packages",
      command: null,
      access: "offline",
      stage: { layer: "python-packages", command: pythonPackagesCommand(), access: "offline" },
      changes: [],
    });
  }
  for (const step of parseDockerfileSteps(spec.dockerfile_steps)) {
    if (step.kind === "run") {
      steps.push({
        title: `the step "${shorten(step.text)}"`,
        command: step.command,
        access: "network",
        stage: null,
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
  return { title: "applying the image settings", command: null, access: "offline", stage: null, changes: [] };
}
