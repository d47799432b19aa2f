import type { TDataAssetType } from "@/server/services/data/data-asset-input";
import type { TPickedFile } from "./picked-files";
import { forgetUpload, recallUpload, rememberUpload, resumeKey } from "./upload-resume-store";

export type TUploadTarget = { name: string; type: TDataAssetType; description?: string; tags?: Record<string, string> };
type TFileState = { index: number; path: string; size: number; received: number };
type TSession = { uploadId: string; chunkBytes?: number; files: TFileState[] };
export type TCommittedUpload = {
  name: string;
  version: number;
  upload: { newBytes: number; alreadyStoredBytes: number; newFiles: number; alreadyStoredFiles: number };
};
export type TUploadProgress = {
  phase: "starting" | "uploading" | "retrying" | "committing";
  files: { path: string; size: number; sent: number }[];
  sentBytes: number;
  totalBytes: number;
  /** Bytes the studio already had when this page (re)started the upload. */
  resumedBytes: number;
};

/** An answer of the API that is not a success, with its code (BAD_REQUEST, CONFLICT …). */
export class UploadApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The abort reason of the Cancel button: the upload is abandoned, not kept to resume. */
export const CANCELLED = "cancelled";

const MAX_CHUNK_BYTES = 8 * 1024 * 1024;
const RETRIES = 8;

async function call<T>(method: string, url: string, body: BodyInit | undefined, signal: AbortSignal): Promise<T> {
  const isJson = typeof body === "string";
  const response = await fetch(url, {
    method,
    body,
    signal,
    headers: isJson ? { "content-type": "application/json" } : { "content-type": "application/octet-stream" },
  });
  const text = await response.text();
  if (!response.ok) {
    let answer: { code?: string; message?: string } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      // Not the API's JSON (a proxy's page): the status says enough.
    }
    throw new UploadApiError(answer.message ?? `HTTP ${response.status}`, answer.code ?? "HTTP", response.status);
  }
  return JSON.parse(text) as T;
}

/** Network failures and 5xx answers pass; anything the API refused will be refused again. */
function isTransient(error: unknown): boolean {
  if (error instanceof UploadApiError) return error.status >= 500 || error.status === 429;
  return error instanceof TypeError;
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

function sameFiles(session: TSession, files: readonly TPickedFile[]): boolean {
  return (
    session.files.length === files.length &&
    session.files.every((f) => f.path === files[f.index]?.path && f.size === files[f.index]?.file.size)
  );
}

/**
 * Uploads files as the asset's next version through the resumable upload API: a session is
 * opened (or the remembered one resumed from the bytes the studio has), each file is sent in
 * chunks by offset, and the session is committed. Network errors are retried from what the
 * studio says it received; an abort through `signal` stops at once.
 */
export async function uploadData(options: {
  workspaceId: string;
  target: TUploadTarget;
  files: readonly TPickedFile[];
  signal: AbortSignal;
  onProgress: (progress: TUploadProgress) => void;
}): Promise<TCommittedUpload> {
  const key = resumeKey(options.workspaceId, options.target, options.files);
  try {
    return await sendFiles(options, key);
  } catch (error) {
    if (options.signal.reason === CANCELLED) forgetUpload(key);
    throw error;
  }
}

async function sendFiles(options: Parameters<typeof uploadData>[0], key: string): Promise<TCommittedUpload> {
  const { workspaceId, target, files, signal, onProgress } = options;
  const base = `/api/v1/workspaces/${workspaceId}/data/uploads`;
  const totalBytes = files.reduce((sum, f) => sum + f.file.size, 0);
  const progress: TUploadProgress = {
    phase: "starting",
    files: files.map((f) => ({ path: f.path, size: f.file.size, sent: 0 })),
    sentBytes: 0,
    totalBytes,
    resumedBytes: 0,
  };
  const report = () => onProgress({ ...progress, files: progress.files.map((f) => ({ ...f })) });
  report();

  let session: TSession | null = null;
  const remembered = recallUpload(key);
  if (remembered) {
    try {
      const found = await call<TSession>("GET", `${base}/${remembered.uploadId}`, undefined, signal);
      session = sameFiles(found, files) ? found : null;
    } catch (error) {
      if (!(error instanceof UploadApiError && error.code === "NOT_FOUND")) throw error;
    }
    if (!session) forgetUpload(key);
  }
  if (!session) {
    session = await call<TSession>(
      "POST",
      base,
      JSON.stringify({ ...target, files: files.map((f) => ({ path: f.path, size: f.file.size })) }),
      signal,
    );
    rememberUpload(key, {
      uploadId: session.uploadId,
      name: target.name,
      fileCount: files.length,
      totalBytes,
      startedAt: new Date().toISOString(),
    });
  }
  const uploadId = session.uploadId;
  const chunkBytes = Math.min(session.chunkBytes ?? MAX_CHUNK_BYTES, MAX_CHUNK_BYTES);
  const setSent = (index: number, sent: number) => {
    progress.files[index]!.sent = sent;
    progress.sentBytes = progress.files.reduce((sum, f) => sum + f.sent, 0);
  };
  for (const f of session.files) setSent(f.index, f.received);
  progress.resumedBytes = progress.sentBytes;
  progress.phase = "uploading";
  report();

  for (const state of session.files) {
    const file = files[state.index]!.file;
    let offset = state.received;
    let failures = 0;
    while (offset < state.size) {
      const end = Math.min(offset + chunkBytes, state.size);
      try {
        const answer = await call<TFileState>(
          "PUT",
          `${base}/${uploadId}/files/${state.index}?offset=${offset}`,
          file.slice(offset, end),
          signal,
        );
        offset = answer.received;
        failures = 0;
        progress.phase = "uploading";
      } catch (error) {
        if (signal.aborted || !isTransient(error) || ++failures > RETRIES) throw error;
        progress.phase = "retrying";
        report();
        await wait(Math.min(30_000, 500 * 2 ** failures), signal);
        // The answer to the last chunk may have been lost after the studio wrote it.
        const now = await call<TSession>("GET", `${base}/${uploadId}`, undefined, signal).catch(() => null);
        offset = now?.files[state.index]?.received ?? offset;
      }
      setSent(state.index, offset);
      report();
    }
  }
  progress.phase = "committing";
  report();
  const committed = await call<TCommittedUpload>("POST", `${base}/${uploadId}/commit`, "{}", signal);
  forgetUpload(key);
  return committed;
}
