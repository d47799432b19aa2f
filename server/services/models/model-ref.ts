import { z } from "zod";
import { AppError } from "../../errors";

export type TModelRef = { name: string; version: number | "latest" } | { name: string; alias: string };

/**
 * `name:3`, `name@champion`, `name@latest` or a bare `name` (the latest), with the
 * `crucible:models/` or `azureml:` prefix a job's YAML may carry.
 */
export function parseModelRef(raw: string): TModelRef {
  const ref = raw.trim().replace(/^(?:crucible:models\/|azureml:)/, "");
  const aliased = /^([^:@/]+)@([\w-]+)$/.exec(ref);
  if (aliased)
    return aliased[2]!.toLowerCase() === "latest"
      ? { name: aliased[1]!, version: "latest" }
      : { name: aliased[1]!, alias: aliased[2]! };
  const pinned = /^([^:@/]+):(\d{1,9})$/.exec(ref);
  if (pinned) return { name: pinned[1]!, version: Number(pinned[2]) };
  if (/^[^:@/]+$/.test(ref)) return { name: ref, version: "latest" };
  throw new AppError("BAD_REQUEST", `'${raw}' is not a model version; write NAME:VERSION or NAME@ALIAS`);
}

/** A version in a path: its number, `latest`, or an alias. */
export const ZModelVersionParam = z.coerce
  .string()
  .regex(/^(?:[1-9]\d{0,8}|[A-Za-z_][\w-]{0,254})$/, "A version number, latest, or an alias");
export const ZModelVersionAddress = z.object({ name: z.string().trim().min(1).max(255), version: ZModelVersionParam });

/** The reference string of a version address: numbers pinned, anything else an alias (or latest). */
export function modelRefOf(address: z.infer<typeof ZModelVersionAddress>): string {
  return /^\d+$/.test(address.version) ? `${address.name}:${address.version}` : `${address.name}@${address.version}`;
}
