import { AppError } from "../../errors";

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
