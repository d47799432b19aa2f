import { DockerfileParser, Label, Run } from "dockerfile-ast";

/** A RUN's command as the container runs it, or an ENV/WORKDIR/LABEL line the engine applies to the image. */
export type TDockerfileStep =
  { kind: "run"; command: string[]; text: string } | { kind: "change"; change: string; text: string };

export class DockerfileStepsError extends Error {}

// Steps run in containers the worker makes from the previous image; there is no build context,
// so COPY and ADD have nothing to read, and the rest would change what jobs run as or on.
const CHANGES = new Set(["ENV", "WORKDIR", "LABEL"]);

/** The steps of `dockerfile_steps` in order; throws DockerfileStepsError naming the line of the first it refuses. */
export function parseDockerfileSteps(text: string): TDockerfileStep[] {
  const steps: TDockerfileStep[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instruction.getKeyword();
    const where = `dockerfile_steps line ${instruction.getRange().start.line + 1}`;
    const args = instruction.getArgumentsContent()?.trim() ?? "";
    const shown = `${keyword} ${args}`;
    if (!args) throw new DockerfileStepsError(`${where}: ${keyword} needs arguments`);
    if (instruction instanceof Run) {
      if (instruction.getFlags().length > 0)
        throw new DockerfileStepsError(`${where}: RUN flags such as --mount or --network are not supported`);
      if (instruction.getHeredocs().length > 0)
        throw new DockerfileStepsError(`${where}: RUN with a heredoc is not supported; use a shell command`);
      steps.push({ kind: "run", command: execForm(args) ?? ["/bin/sh", "-c", args], text: shown });
    } else if (CHANGES.has(keyword)) {
      if (instruction instanceof Label && instruction.getProperties().some((p) => p.getName().startsWith("crucible.")))
        throw new DockerfileStepsError(`${where}: labels starting with crucible. are Crucible's own`);
      steps.push({ kind: "change", change: shown, text: shown });
    } else {
      throw new DockerfileStepsError(
        `${where}: ${keyword || instruction.getInstruction()} is not supported; dockerfile_steps may use RUN, ENV, WORKDIR and LABEL (there is no build context to copy from)`,
      );
    }
  }
  return steps;
}

/** RUN ["a", "b"] runs without a shell, as Docker runs it; anything that is not a JSON string array is shell form. */
function execForm(args: string): string[] | null {
  if (!args.startsWith("[")) return null;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.length > 0 && parsed.every((a) => typeof a === "string") ? parsed : null;
  } catch {
    return null;
  }
}
