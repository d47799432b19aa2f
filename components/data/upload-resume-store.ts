import type { TPickedFile } from "./picked-files";

/** What the browser remembers of an unfinished upload, so a reload or a dropped network resumes it. */
export type TRememberedUpload = {
  uploadId: string;
  name: string;
  fileCount: number;
  totalBytes: number;
  startedAt: string;
};

const PREFIX = "crucible.data-upload:";

/**
 * Same asset name, type, description and tags (a session keeps those it was opened with) and the
 * same files (path, size, modification time): the same upload.
 */
export function resumeKey(workspaceId: string, target: { name: string }, files: readonly TPickedFile[]): string {
  const list = [
    JSON.stringify(target),
    ...files.map((f) => `${f.path}\u0000${f.file.size}\u0000${f.file.lastModified}`),
  ].join("\n");
  let hash = 0x811c9dc5;
  for (let i = 0; i < list.length; i++) hash = Math.imul(hash ^ list.charCodeAt(i), 0x01000193) >>> 0;
  return `${PREFIX}${workspaceId}:${target.name}:${files.length}:${hash.toString(16)}`;
}

export function recallUpload(key: string): TRememberedUpload | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as TRememberedUpload) : null;
  } catch {
    return null;
  }
}

export function rememberUpload(key: string, upload: TRememberedUpload): void {
  window.localStorage.setItem(key, JSON.stringify(upload));
}

export function forgetUpload(key: string): void {
  window.localStorage.removeItem(key);
}

/** The unfinished uploads of a workspace, to tell the user what dropping the same files again resumes. */
export function unfinishedUploads(workspaceId: string): (TRememberedUpload & { key: string })[] {
  const found = [];
  for (let i = 0; i < window.localStorage.length; i++) {
    const key = window.localStorage.key(i);
    if (!key?.startsWith(`${PREFIX}${workspaceId}:`)) continue;
    const upload = recallUpload(key);
    if (upload) found.push({ ...upload, key });
  }
  return found;
}
