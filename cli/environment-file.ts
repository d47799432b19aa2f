import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";

/**
 * An environment YAML as the studio takes it: a `conda_file:` that names a file (as Azure ML's
 * CLI allows, relative to the environment file) is replaced by that file's text, since the studio
 * cannot read the caller's files.
 */
export function readEnvironmentFile(file: string): string {
  const text = readFileSync(file, "utf8");
  const document = parseDocument(text);
  const conda = document.get("conda_file");
  if (typeof conda !== "string" || conda.includes("\n")) return text;
  const condaPath = path.resolve(path.dirname(file), conda);
  if (!existsSync(condaPath)) return text;
  document.set("conda_file", readFileSync(condaPath, "utf8"));
  return document.toString();
}
