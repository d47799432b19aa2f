import { createHash } from "node:crypto";
import { stringify } from "yaml";
import { z } from "zod";
import { ZResourceName } from "../resource-name";
import { CondaFileError, parseCondaFile } from "./conda-file";
import { DockerfileStepsError, parseDockerfileSteps } from "./dockerfile-steps";

export const CURATED_PREFIX = "crucible-";
export const BASE_IMAGE = "crucible-base:bookworm";

const ZImageRef = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .regex(/^[a-z0-9][a-z0-9._/:@-]*$/i, "Not a Docker image reference");
const ZEnvVarName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Environment variable names use letters, digits and '_'");

// What an environment is made of; the YAML field names follow Azure ML where it has one (image,
// environment_variables). The hash covers what changes the image, not the name or version.
export const ZEnvironmentSpec = z
  .object({
    image: ZImageRef.default(BASE_IMAGE),
    os_packages: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[a-z0-9][a-z0-9+.:=~-]*$/, "Not a Debian package name"),
      )
      .max(200)
      .default([]),
    python_requirements: z.array(z.string().trim().min(1).max(300)).max(500).default([]),
    dockerfile_steps: z.string().max(20_000).default(""),
    environment_variables: z.record(ZEnvVarName, z.string().max(10_000)).default({}),
    /** A conda environment file (inline, as YAML text or a mapping): python, pip and a pip: list. */
    conda_file: z
      .union([z.string().max(50_000), z.record(z.string(), z.unknown())])
      .transform((v) => (typeof v === "string" ? v : stringify(v)))
      .optional(),
    /** uid:gid the job runs as (1000:1000 when unset); never root, whose powers a job never needs. */
    user: z
      .string()
      .regex(/^[1-9]\d{0,9}:\d{1,10}$/, "Use a numeric uid:gid other than root's, e.g. 1000:1000")
      .optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    try {
      parseDockerfileSteps(spec.dockerfile_steps);
    } catch (error) {
      if (!(error instanceof DockerfileStepsError)) throw error;
      ctx.addIssue({ code: "custom", path: ["dockerfile_steps"], message: error.message });
    }
    if (spec.conda_file === undefined) return;
    try {
      parseCondaFile(spec.conda_file);
    } catch (error) {
      if (!(error instanceof CondaFileError)) throw error;
      ctx.addIssue({ code: "custom", path: ["conda_file"], message: error.message });
    }
  });
export type TEnvironmentSpec = z.infer<typeof ZEnvironmentSpec>;

/** Every Python package the image installs: python_requirements, then the conda file's pip list. */
export function pythonRequirements(spec: Pick<TEnvironmentSpec, "python_requirements" | "conda_file">): string[] {
  return [...spec.python_requirements, ...(spec.conda_file === undefined ? [] : parseCondaFile(spec.conda_file).pip)];
}

/** The Python version the conda file pins (3.11), if any; the build checks the image has it. */
export function pinnedPython(spec: Pick<TEnvironmentSpec, "conda_file">): string | null {
  return spec.conda_file === undefined ? null : parseCondaFile(spec.conda_file).pythonVersion;
}

export const ZEnvironmentName = ZResourceName(100);

/** Environment variables are set on the container, not baked in, so they stay out of the hash. */
export function environmentHash(spec: TEnvironmentSpec): string {
  const material = {
    image: spec.image,
    os_packages: [...spec.os_packages].sort(),
    python_requirements: pythonRequirements(spec),
    // Only when pinned, so the hashes of specs without a conda file stay what they were.
    ...(pinnedPython(spec) ? { python: pinnedPython(spec) } : {}),
    dockerfile_steps: spec.dockerfile_steps.trim(),
  };
  return createHash("sha256").update(JSON.stringify(material)).digest("hex");
}

export function imageTag(hash: string): string {
  return `crucible-env:${hash.slice(0, 24)}`;
}
