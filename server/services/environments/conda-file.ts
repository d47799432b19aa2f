import { parse } from "yaml";
import { z } from "zod";

export type TCondaPython = { pythonVersion: string | null; pip: string[] };

const ZCondaFile = z.object({
  name: z.string().optional(),
  channels: z.array(z.string()).optional(),
  dependencies: z
    .array(z.union([z.string(), z.object({ pip: z.array(z.string().trim().min(1).max(300)).max(500) }).strict()]))
    .default([]),
});

/**
 * The part of a conda environment file Crucible can build without conda: `python` (optionally
 * pinned), `pip`, and a `pip:` list, which installs with pip. Any other conda package cannot be
 * resolved here; they are all named in one error.
 */
export function parseCondaFile(value: string | Record<string, unknown>): TCondaPython {
  let raw: unknown = value;
  if (typeof value === "string") {
    try {
      raw = parse(value, { maxAliasCount: 10 });
    } catch (error) {
      throw new CondaFileError(`conda_file is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  const parsed = ZCondaFile.safeParse(raw);
  if (!parsed.success)
    throw new CondaFileError(
      `conda_file: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`).join("; ")}`,
    );
  let pythonVersion: string | null = null;
  const pip: string[] = [];
  const unresolved: string[] = [];
  for (const dependency of parsed.data.dependencies) {
    if (typeof dependency !== "string") {
      pip.push(...dependency.pip);
      continue;
    }
    const match = /^\s*([A-Za-z0-9_.-]+)\s*(?:={1,2}\s*([0-9][0-9.*]*))?\s*$/.exec(dependency);
    const name = match?.[1]?.toLowerCase();
    if (name === "python") pythonVersion = match?.[2]?.replace(/\.\*$/, "") ?? null;
    else if (name !== "pip") unresolved.push(dependency.trim());
  }
  if (unresolved.length > 0) {
    throw new CondaFileError(
      `conda_file: these conda packages cannot be resolved (Crucible installs only python, pip and a pip: list; move them under pip: or os_packages): ${unresolved.join(", ")}`,
    );
  }
  return { pythonVersion, pip };
}

export class CondaFileError extends Error {}
