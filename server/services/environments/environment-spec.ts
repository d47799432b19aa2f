import { createHash } from "node:crypto";
import { z } from "zod";
import { ZResourceName } from "../resource-name";

export const CURATED_PREFIX = "crucible-";
export const BASE_IMAGE = "crucible-base:bookworm";

const ZImageRef = z.string().trim().min(1).max(300).regex(/^[a-z0-9][a-z0-9._/:@-]*$/i, "Not a Docker image reference");
const ZEnvVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Environment variable names use letters, digits and '_'");

// What an environment is made of; the YAML field names follow Azure ML where it has one (image,
// environment_variables). The hash covers what changes the image, not the name or version.
export const ZEnvironmentSpec = z
  .object({
    image: ZImageRef.default(BASE_IMAGE),
    os_packages: z.array(z.string().trim().regex(/^[a-z0-9][a-z0-9+.:=~-]*$/, "Not a Debian package name")).max(200).default([]),
    python_requirements: z.array(z.string().trim().min(1).max(300)).max(500).default([]),
    dockerfile_steps: z.string().max(20_000).default(""),
    environment_variables: z.record(ZEnvVarName, z.string().max(10_000)).default({}),
    /** uid:gid the job runs as (1000:1000 when unset); never root, whose powers a job never needs. */
    user: z
      .string()
      .regex(/^[1-9]\d{0,9}:\d{1,10}$/, "Use a numeric uid:gid other than root's, e.g. 1000:1000")
      .optional(),
  })
  .strict();
export type TEnvironmentSpec = z.infer<typeof ZEnvironmentSpec>;

export const ZEnvironmentName = ZResourceName(100);

/** Environment variables are set on the container, not baked in, so they stay out of the hash. */
export function environmentHash(spec: TEnvironmentSpec): string {
  const material = {
    image: spec.image,
    os_packages: [...spec.os_packages].sort(),
    python_requirements: spec.python_requirements,
    dockerfile_steps: spec.dockerfile_steps.trim(),
  };
  return createHash("sha256").update(JSON.stringify(material)).digest("hex");
}

export function imageTag(hash: string): string {
  return `crucible-env:${hash.slice(0, 24)}`;
}

export function renderDockerfile(spec: TEnvironmentSpec, hash: string): string {
  const lines = [`FROM ${spec.image}`];
  const osPackages = [...spec.os_packages];
  // Debian's python3 comes without pip; asking for Python packages brings it.
  if (spec.python_requirements.length > 0 && !osPackages.includes("python3-pip")) osPackages.push("python3-pip");
  if (osPackages.length > 0) {
    lines.push(`RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${osPackages.join(" ")} && rm -rf /var/lib/apt/lists/*`);
  }
  if (spec.python_requirements.length > 0) {
    lines.push("COPY requirements.txt /tmp/crucible-requirements.txt");
    lines.push("RUN python3 -m pip install --no-cache-dir --break-system-packages -r /tmp/crucible-requirements.txt");
  }
  if (spec.dockerfile_steps.trim()) lines.push(spec.dockerfile_steps.trim());
  lines.push(`LABEL crucible.environment-hash=${hash}`);
  return `${lines.join("\n")}\n`;
}
