/** The image formats browsers show; SVG is left out, as it can carry script. */
export const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  bmp: "image/bmp",
  avif: "image/avif",
};

const TEXT_EXTENSIONS = new Set(["txt", "csv", "tsv", "json", "jsonl", "md", "yaml", "yml", "log", "xml", "py"]);

/**
 * The content type a version's file is served with for viewing in the studio: an image as
 * itself, text as plain text (never HTML, so a data file cannot run in the studio's origin),
 * anything else as bytes.
 */
export function dataContentType(path: string): string {
  const name = path.split("/").at(-1) ?? "";
  const ext = name.includes(".") ? (name.split(".").at(-1) ?? "").toLowerCase() : "";
  if (IMAGE_TYPES[ext]) return IMAGE_TYPES[ext];
  if (TEXT_EXTENSIONS.has(ext) || name === "MLTable") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}
