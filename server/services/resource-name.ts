import { z } from "zod";

/** The names of hosts, compute targets and environments: what a job's YAML refers to them by. */
export function ZResourceName(maxLength: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(maxLength)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "Use letters, digits, '.', '_' and '-', starting with a letter or digit");
}
