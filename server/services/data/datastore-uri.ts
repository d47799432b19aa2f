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
  const [datastoreName, rawPath] = [decoded(uri, match[1]!), decoded(uri, match[2]!)];
  // Said here rather than by normaliseDataPath, whose words are about a data asset's own folder.
  if (rawPath.replace(/\\/g, "/").split("/").includes(".."))
    throw new AppError("BAD_REQUEST", `'${uri}' points outside the datastore`);
  return { datastoreName, path: normaliseDataPath(rawPath) };
}

function decoded(uri: string, part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new AppError("BAD_REQUEST", `'${uri}' has a malformed %-escape`);
  }
}
