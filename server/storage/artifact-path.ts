import path from "node:path";
import { AppError } from "../errors";

/** A run-relative artifact path, normalised; anything that could escape the run's folder is refused. */
export function normaliseArtifactPath(raw: string): string {
  const decoded = raw.replace(/\\/g, "/");
  const parts = decoded.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.length === 0) throw new AppError("BAD_REQUEST", "Artifact path is empty");
  if (parts.some((p) => p === ".." || p.includes("\0")))
    throw new AppError("BAD_REQUEST", `Invalid artifact path '${raw}'`);
  if (parts.some((p) => Buffer.byteLength(p) > 255))
    throw new AppError("BAD_REQUEST", "An artifact path part is longer than 255 bytes");
  const joined = parts.join("/");
  if (joined.length > 1000) throw new AppError("BAD_REQUEST", "Artifact path is longer than 1000 characters");
  return path.posix.normalize(joined);
}
