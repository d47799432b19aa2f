import { openDataFile } from "./open-data-file";
import { readTextPreview } from "./read-text-preview";

/** The beginning of a text file of a data version (see readTextPreview for the bounds). */
export async function previewText(workspaceId: string, ref: string, path: string) {
  return readTextPreview(await openDataFile(workspaceId, ref, path));
}
