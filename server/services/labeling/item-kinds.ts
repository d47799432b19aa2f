import { IMAGE_TYPES } from "../data/data-content-type";

/** Images the labeling page shows and whose size the server can read. */
const IMAGE_EXTENSIONS = new Set(Object.keys(IMAGE_TYPES).filter((e) => e !== "avif"));
/** Text files that are one item each. */
const TEXT_FILE_EXTENSIONS = new Set(["txt", "md", "text"]);
/** Files whose rows are items. */
const ROW_FILE_EXTENSIONS = new Set(["csv", "tsv", "jsonl"]);

function extension(path: string): string {
  return path.split("/").at(-1)?.split(".").at(-1)?.toLowerCase() ?? "";
}

export const isImagePath = (path: string) => IMAGE_EXTENSIONS.has(extension(path));
export const isTextFilePath = (path: string) => TEXT_FILE_EXTENSIONS.has(extension(path));
export const isRowFilePath = (path: string) => ROW_FILE_EXTENSIONS.has(extension(path));
export const rowFileFormat = (path: string) => extension(path) as "csv" | "tsv" | "jsonl";
