import "server-only";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import type Docker from "dockerode";
import { extract, pack } from "tar-stream";
import { AppError } from "../errors";
import { packSnapshot } from "../services/artifacts/pack-snapshot";

export const CODE_DIR = "/crucible/code";
export const SDK_DIR = "/crucible/sdk";
const SDK_SOURCE = path.resolve("sdk/python/crucible");

/**
 * The folders a job sees, then the run's snapshot. Code and SDK belong to root, so the job (which
 * never runs as root) can read but not change them; outputs, logs, the run folder and its home
 * belong to the job's user.
 */
export async function putJobFiles(
  container: Docker.Container,
  workspaceId: string,
  runId: string,
  user: string,
): Promise<{ hasSnapshot: boolean }> {
  const [uid, gid] = user.split(":").map(Number) as [number, number];
  const layout = pack();
  for (const dir of ["crucible/", "crucible/code/", "crucible/sdk/", "crucible/sdk/crucible/"]) {
    layout.entry({ name: dir, type: "directory", mode: 0o755, uid: 0, gid: 0 });
  }
  for (const dir of ["crucible/outputs/", "crucible/logs/", "crucible/run/", "crucible/home/"]) {
    layout.entry({ name: dir, type: "directory", mode: 0o755, uid, gid: gid ?? uid });
  }
  for (const file of readdirSync(SDK_SOURCE).filter((f) => f.endsWith(".py"))) {
    layout.entry({ name: `crucible/sdk/crucible/${file}`, mode: 0o644 }, readFileSync(path.join(SDK_SOURCE, file)));
  }
  layout.finalize();
  await container.putArchive(layout as unknown as NodeJS.ReadableStream, { path: "/" });
  let snapshot;
  try {
    snapshot = await packSnapshot(workspaceId, runId);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return { hasSnapshot: false };
    throw error;
  }
  // The engine accepts gzip-compressed archives as they are.
  await container.putArchive(snapshot as unknown as NodeJS.ReadableStream, { path: CODE_DIR });
  return { hasSnapshot: true };
}

/** The text of one file in a container (its first `maxBytes` at most); null when there is none. */
export async function readContainerFile(
  container: Docker.Container,
  filePath: string,
  maxBytes: number,
): Promise<string | null> {
  let tar: Readable;
  try {
    tar = (await container.getArchive({ path: filePath })) as unknown as Readable;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
  return new Promise((resolve, reject) => {
    const entries = extract();
    let text: string | null = null;
    entries.on("entry", (header, stream, next) => {
      const parts: Buffer[] = [];
      let size = 0;
      stream.on("data", (data: unknown) => {
        const chunk = data as Buffer;
        size += chunk.length;
        if (size <= maxBytes) parts.push(chunk);
      });
      stream.on("end", () => {
        if (header.type === "file" && text === null) text = Buffer.concat(parts).toString("utf8");
        next();
      });
    });
    entries.on("finish", () => resolve(text));
    entries.on("error", reject);
    tar.on("error", reject);
    tar.pipe(entries);
  });
}
