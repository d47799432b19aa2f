import { z } from "zod";
import { AppError } from "../../errors";
import { ZDataAssetName } from "./data-asset-input";

export type TDataVersionRef = { name: string; version: number | "latest" };

/**
 * `name:3`, `name@latest` or a bare `name` (the latest), with the `crucible:` or `azureml:`
 * prefix a job's YAML may carry.
 */
export function parseDataVersionRef(raw: string): TDataVersionRef {
  const ref = raw.trim().replace(/^(?:crucible|azureml):/, "");
  const latest = /^([^:@]+)@latest$/.exec(ref);
  if (latest) return { name: latest[1]!, version: "latest" };
  const pinned = /^([^:@]+):(\d{1,9})$/.exec(ref);
  if (pinned) return { name: pinned[1]!, version: Number(pinned[2]) };
  if (/^[^:@]+$/.test(ref)) return { name: ref, version: "latest" };
  throw new AppError("BAD_REQUEST", `'${raw}' is not a data version; write NAME:VERSION or NAME@latest`);
}

/** A version in a path: its number, or `latest` (numbers are taken as text, as a path gives them). */
export const ZVersionParam = z.coerce.string().regex(/^(?:latest|[1-9]\d{0,8})$/, "A version number, or latest");
export const ZVersionAddress = z.object({ name: ZDataAssetName, version: ZVersionParam });

/** The reference string of a version address. */
export function refOf(address: z.infer<typeof ZVersionAddress>): string {
  return address.version === "latest" ? `${address.name}@latest` : `${address.name}:${address.version}`;
}
