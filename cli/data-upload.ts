import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import fs from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { ApiError, type ApiClient } from "./api-client";
import { UsageError } from "./config";

export type TDataTarget = { name: string; type: string; description?: string; tags?: Record<string, string> };
type TFileState = { index: number; path: string; size: number; received: number };
type TSession = { uploadId: string; chunkBytes?: number; files: TFileState[] };
export type TCommitted = {
  name: string;
  version: number;
  upload: { newBytes: number; alreadyStoredBytes: number; newFiles: number; alreadyStoredFiles: number };
};

const CHUNK_BYTES = 8 * 1024 * 1024;
const PARALLEL_FILES = 8;

/** The files of a local file or folder, relative paths with `/`, in a stable order. */
async function localFiles(root: string, type: string) {
  const stat = await fs.stat(root).catch(() => null);
  if (!stat) throw new UsageError(`No file or folder at ${root}`);
  if (stat.isFile()) return [{ path: path.basename(root), absolute: root, size: stat.size, mtimeMs: stat.mtimeMs }];
  if (type === "uri_file") throw new UsageError(`${root} is a folder; a uri_file is one file (use --type uri_folder)`);
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  const files = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    const fileStat = await fs.stat(absolute);
    files.push({
      path: path.relative(root, absolute).split(path.sep).join("/"),
      absolute,
      size: fileStat.size,
      mtimeMs: fileStat.mtimeMs,
    });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** Where an unfinished upload of the same files to the same asset is remembered, to resume it. */
function resumeFile(
  workspaceId: string,
  target: TDataTarget,
  files: { path: string; size: number; mtimeMs: number }[],
) {
  const key = createHash("sha256")
    .update(JSON.stringify([workspaceId, target, files.map((f) => [f.path, f.size, f.mtimeMs])]))
    .digest("hex")
    .slice(0, 32);
  return path.join(homedir(), ".crucible", "uploads", `${key}.json`);
}

async function openSession(api: ApiClient, base: string, stateFile: string, body: unknown): Promise<TSession> {
  if (existsSync(stateFile)) {
    const { uploadId } = JSON.parse(readFileSync(stateFile, "utf8")) as { uploadId: string };
    try {
      const session = await api.request<TSession>("GET", `${base}/uploads/${uploadId}`);
      console.error(`Resuming upload ${uploadId}`);
      return session;
    } catch (error) {
      if (!(error instanceof ApiError && error.code === "NOT_FOUND")) throw error;
    }
  }
  const session = await api.request<TSession>("POST", `${base}/uploads`, body);
  mkdirSync(path.dirname(stateFile), { recursive: true });
  writeFileSync(`${stateFile}.tmp`, JSON.stringify({ uploadId: session.uploadId }));
  renameSync(`${stateFile}.tmp`, stateFile);
  return session;
}

/**
 * Uploads a local file or folder as the asset's next version in chunks, with a progress line. An
 * upload that is interrupted is resumed by running the same command again: the studio says how
 * much of each file it has, and only the rest is sent.
 */
export async function uploadLocalData(
  api: ApiClient,
  workspaceId: string,
  target: TDataTarget,
  localPath: string,
): Promise<TCommitted> {
  const files = await localFiles(localPath, target.type);
  if (files.length === 0) throw new UsageError(`${localPath} has no files to upload`);
  const base = `/workspaces/${workspaceId}/data`;
  const stateFile = resumeFile(workspaceId, target, files);
  const session = await openSession(api, base, stateFile, {
    ...target,
    files: files.map((f) => ({ path: f.path, size: f.size })),
  });
  const total = files.reduce((sum, f) => sum + f.size, 0);
  let sent = session.files.reduce((sum, f) => sum + f.received, 0);
  const isTty = process.stderr.isTTY;
  let lastReport = 0;
  const report = (isFinal = false) => {
    if (!isFinal && Date.now() - lastReport < (isTty ? 200 : 5000)) return;
    lastReport = Date.now();
    const line = `Uploading ${formatBytes(sent)} / ${formatBytes(total)} (${total ? Math.floor((sent / total) * 100) : 100}%)`;
    process.stderr.write(isTty ? `\r${line}${isFinal ? "\n" : ""}` : `${line}\n`);
  };
  const chunkBytes = Math.min(session.chunkBytes ?? CHUNK_BYTES, CHUNK_BYTES);
  const byPath = new Map(files.map((f) => [f.path, f]));
  const sendFile = async (state: TFileState) => {
    const local = byPath.get(state.path);
    if (!local) throw new UsageError(`The upload lists '${state.path}', which is not in ${localPath}`);
    if (state.received >= state.size) return;
    const handle = await fs.open(local.absolute, "r");
    try {
      // A file's chunks go in order: the studio appends each at the offset it has.
      for (let offset = state.received; offset < state.size;) {
        const length = Math.min(chunkBytes, state.size - offset);
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        if (bytesRead !== length) throw new UsageError(`${local.absolute} changed while it was being uploaded`);
        await api.putBytes(`${base}/uploads/${session.uploadId}/files/${state.index}?offset=${offset}`, buffer);
        offset += length;
        sent += length;
        report();
      }
    } finally {
      await handle.close();
    }
  };
  // Several files at once: a folder of many small files (images to label) is bound by round trips, not bytes.
  const queue = [...session.files];
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL_FILES, queue.length) }, async () => {
      for (let state = queue.shift(); state; state = queue.shift()) await sendFile(state);
    }),
  );
  report(true);
  const committed = await api.request<TCommitted>("POST", `${base}/uploads/${session.uploadId}/commit`, {});
  rmSync(stateFile, { force: true });
  return committed;
}

export { formatBytes };
