import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

export type TConfig = { url: string; token: string; workspace: string | null };

// The same places the Python SDK reads: the environment wins, then .crucible/config.json in this
// folder or a parent, then the one `crucible login` writes in the home folder.
export function loadConfig(): TConfig {
  let file: Record<string, string> = {};
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, ".crucible", "config.json");
    if (existsSync(candidate)) {
      file = JSON.parse(readFileSync(candidate, "utf8")) as Record<string, string>;
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  if (Object.keys(file).length === 0 && existsSync(homeConfigPath()))
    file = JSON.parse(readFileSync(homeConfigPath(), "utf8")) as Record<string, string>;
  const url = process.env.CRUCIBLE_URL || file.url;
  const token = process.env.CRUCIBLE_TOKEN || file.token;
  if (!url || !token)
    throw new UsageError(
      "Not configured: set CRUCIBLE_URL and CRUCIBLE_TOKEN, or run `crucible login --url URL --token TOKEN`",
    );
  return { url: url.replace(/\/$/, ""), token, workspace: process.env.CRUCIBLE_WORKSPACE || file.workspace || null };
}

export function homeConfigPath(): string {
  return path.join(homedir(), ".crucible", "config.json");
}

export function saveHomeConfig(config: { url: string; token: string; workspace?: string }): string {
  const file = homeConfigPath();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(config, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return file;
}

export class UsageError extends Error {}
