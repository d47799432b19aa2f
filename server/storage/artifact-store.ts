import type { Readable } from "node:stream";

export type TStoredObject = { size: number; sha256: string };

/**
 * Where a datastore's bytes live. Keys are `<workspaceId>/<runId>/<path>` for runs. A local folder
 * and an S3-compatible bucket implement it (server/storage/datastore-store.ts picks one).
 */
export interface ArtifactStore {
  /** Streams `body` in; readers never see a partial file (written to a temp name, then renamed), and a failed write leaves nothing behind. */
  write(key: string, body: Readable): Promise<TStoredObject>;
  /** A stream of the object and its size, or null when absent. */
  read(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** The object's size, or null when absent. */
  stat(key: string): Promise<{ size: number } | null>;
  /** Puts everything under `from` in the place of everything under `to`, at once: readers see the old set or the new one. */
  replacePrefix(from: string, to: string): Promise<void>;
  /** Removes every object under `prefix`, and the object named `prefix` itself. */
  removePrefix(prefix: string): Promise<void>;
}
