import "server-only";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type Docker from "dockerode";
import { pack } from "tar-stream";
import { AppError } from "../errors";
import { packSnapshot } from "../services/artifacts/pack-snapshot";

export const CODE_DIR = "/crucible/code";
export const SDK_DIR = "/crucible/sdk";
const SDK_SOURCE = path.resolve("sdk/python/crucible");

/** The folders a job sees (code, outputs, logs) and the Python SDK, then the run's snapshot. */
export async function putJobFiles(container: Docker.Container, workspaceId: string, runId: string): Promise<{ hasSnapshot: boolean }> {
  const layout = pack();
  for (const dir of ["crucible/code", "crucible/outputs", "crucible/logs", "crucible/run", "crucible/sdk/crucible"]) {
    layout.entry({ name: `${dir}/`, type: "directory", mode: 0o777 });
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
