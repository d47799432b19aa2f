const MiB = 1024 * 1024;

/** Forms, YAML specs, searches: every JSON call the studio, REST and MLflow clients make. */
export const JSON_BODY_LIMIT = 1 * MiB;
/**
 * A log-batch at its largest (1,000 points, 100 params of 6,000 characters, 100 tags of 5,000),
 * as Python's json.dumps writes it, non-ASCII text escaped to six bytes a character; or a dataset
 * input with a schema of up to 1 MiB.
 */
export const BATCH_BODY_LIMIT = 8 * MiB;
/** A code snapshot's .tar.gz: the 300 MiB of files it may hold, and room for tar's headers. */
export const SNAPSHOT_BODY_LIMIT = 320 * MiB;
/** One artifact file or a model version's tar, streamed to disk: as large as a run's outputs may be. */
export const ARTIFACT_BODY_LIMIT = 20 * 1024 * MiB;

/** One chunk of a resumable data upload, streamed to disk: clients send big files in many. */
export const DATA_CHUNK_BODY_LIMIT = 16 * MiB;

/** One scoring request to an online endpoint: a batch of rows as JSON. */
export const SCORE_BODY_LIMIT = 8 * MiB;
export const SCORE_PATH = /^\/endpoints\/([^/]+)\/([^/]+)\/score$/;

const DATA_CHUNK_PATH = /^\/api\/v1\/workspaces\/[^/]+\/data\/uploads\/[^/]+\/files\/[^/]+$/;
const SNAPSHOT_PATH = /^\/api\/v1\/workspaces\/[^/]+\/runs\/[^/]+\/snapshot$/;
const ARTIFACT_PATH =
  /^(?:\/api\/v1\/workspaces\/[^/]+\/runs\/[^/]+\/artifacts\/|\/api\/v1\/workspaces\/[^/]+\/models\/[^/]+\/upload$|\/mlflow\/[^/]+\/api\/2\.0\/mlflow-artifacts\/)/;
const BATCH_PATH =
  /^(?:\/api\/v1\/workspaces\/[^/]+\/runs\/[^/]+\/(?:log-batch|inputs)|\/mlflow\/[^/]+\/api\/2\.0\/mlflow\/runs\/(?:log-batch|log-inputs))$/;

/**
 * The most bytes a request to `pathname` may send, for every route the studio serves: the
 * studio's server refuses a larger Content-Length before any handler runs, and each handler
 * counts what it reads against the same number (chunked bodies have no length to check).
 */
export function bodyLimitFor(pathname: string): number {
  if (SNAPSHOT_PATH.test(pathname)) return SNAPSHOT_BODY_LIMIT;
  if (SCORE_PATH.test(pathname)) return SCORE_BODY_LIMIT;
  if (DATA_CHUNK_PATH.test(pathname)) return DATA_CHUNK_BODY_LIMIT;
  if (ARTIFACT_PATH.test(pathname)) return ARTIFACT_BODY_LIMIT;
  if (BATCH_PATH.test(pathname)) return BATCH_BODY_LIMIT;
  return JSON_BODY_LIMIT;
}

export function describeBytes(bytes: number): string {
  return bytes >= 1024 * MiB ? `${bytes / (1024 * MiB)} GiB` : `${bytes / MiB} MiB`;
}
