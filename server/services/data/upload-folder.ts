import path from "node:path";
import { env } from "../../env";

/**
 * Chunks of an upload session are written in place into one file per announced file, under the
 * studio's home: sessions are resumed against the studio instance that holds their folder.
 */
export function uploadFolder(sessionId: string): string {
  return path.join(env().crucibleHome, "data-uploads", sessionId);
}

export function uploadPartFile(sessionId: string, index: number): string {
  return path.join(uploadFolder(sessionId), String(index));
}

/** A session untouched for this long is expired, and its bytes are removed by the cleanup. */
export const UPLOAD_SESSION_TTL_MS = 24 * 3600 * 1000;
