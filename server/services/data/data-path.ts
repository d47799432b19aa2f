import { AppError } from "../../errors";

/**
 * A file's path inside a version, with `/` separators; anything that could leave the version's
 * folder (`..`, an absolute path, a NUL) is refused rather than silently rewritten.
 */
export function normaliseDataPath(raw: string): string {
  const slashed = raw.replace(/\\/g, "/");
  if (slashed.startsWith("/")) throw new AppError("BAD_REQUEST", `'${raw}' is an absolute path; give it relative`);
  const parts = slashed.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.length === 0) throw new AppError("BAD_REQUEST", "A file path is empty");
  if (parts.some((p) => p === ".." || p.includes("\0")))
    throw new AppError("BAD_REQUEST", `'${raw}' points outside the data asset's folder`);
  if (parts.some((p) => Buffer.byteLength(p) > 255))
    throw new AppError("BAD_REQUEST", `A part of '${raw}' is longer than 255 bytes`);
  const joined = parts.join("/");
  if (joined.length > 1000) throw new AppError("BAD_REQUEST", "A file path is longer than 1000 characters");
  return joined;
}
