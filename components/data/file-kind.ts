/** How the studio previews a file, by its extension. */
export type TFileKind = "image" | "table" | "text" | "other";

const KINDS: Record<string, TFileKind> = {
  png: "image",
  jpg: "image",
  jpeg: "image",
  gif: "image",
  webp: "image",
  bmp: "image",
  avif: "image",
  csv: "table",
  parquet: "table",
  txt: "text",
  json: "text",
  jsonl: "text",
  md: "text",
  yaml: "text",
  yml: "text",
  log: "text",
  tsv: "text",
  xml: "text",
  py: "text",
};

export function fileKind(path: string): TFileKind {
  const name = path.split("/").at(-1) ?? "";
  // Azure ML's table definition and MLflow's model description: YAML without an extension.
  if (name === "MLTable" || name === "MLmodel") return "text";
  return KINDS[name.split(".").at(-1)?.toLowerCase() ?? ""] ?? "other";
}
