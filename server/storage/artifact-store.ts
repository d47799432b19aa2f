import type { Readable } from "node:stream";

export type TStoredObject = { size: number; sha256: string };

/**
 * Where artifact bytes live. Keys are `<workspaceId>/<runId>/<path>`. The local filesystem
 * implements it now; an S3-compatible store can later, without callers changing.
 */
export interface ArtifactStore {
  /** Streams `body` in; readers never see a partial file (written to a temp name, then renamed). */
  write(key: string, body: Readable): Promise<TStoredObject>;
  /** A stream of the object and its size, or null when absent. */
  read(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** Removes every object under `prefix`. */
  removePrefix(prefix: string): Promise<void>;
}
