import { readTextPreview } from "../data/read-text-preview";
import { openModelFile } from "./model-version-files";

/** The beginning of a text file of a model version (MLmodel, conda.yaml, an input example …). */
export async function previewModelText(workspaceId: string, ref: string, path: string) {
  return readTextPreview(await openModelFile(workspaceId, ref, path));
}
