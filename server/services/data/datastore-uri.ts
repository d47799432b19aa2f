import { AppError } from "../../errors";
import { normaliseDataPath } from "./data-path";

const DATASTORE_URI = /^(?:crucible|azureml):\/\/datastores\/([^/]+)\/paths\/(.*)$/;

export function isDatastoreUri(value: string): boolean {
  return /^(?:crucible|azureml):\/\//.test(value);
}

/** `crucible://datastores/<name>/paths/<path>` (or `azureml://…`, the same): a place on a datastore. */
export function parseDatastoreUri(uri: string): { datastoreName: string; path: string } {
  const match = DATASTORE_URI.exec(uri.trim());
  if (!match) {
    throw new AppError(
      "BAD_REQUEST",
      `'${uri}' is not a datastore path; write crucible://datastores/<name>/paths/<path>`,
    );
  }
  return { datastoreName: decodeURIComponent(match[1]!), path: normaliseDataPath(decodeURIComponent(match[2]!)) };
}
