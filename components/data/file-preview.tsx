"use client";

import { useWorkspace } from "../shell/workspace-context";
import { fileKind } from "./file-kind";
import { fileSourceApi, type TFileSource } from "./file-source";
import { TablePreview } from "./table-preview";
import { TextPreview } from "./text-preview";

/**
 * One file of a version shown as what it is: an image, a table's first rows, or text. Model files
 * have no table reader; a CSV among them reads as text.
 */
export function FilePreview({ source, path }: { source: TFileSource; path: string }) {
  const { id: workspaceId } = useWorkspace();
  const kind = fileKind(path);
  if (kind === "image") {
    return (
      <img
        src={`${fileSourceApi(workspaceId, source)}/view?path=${encodeURIComponent(path)}`}
        alt={path}
        className="max-h-96 rounded border border-slate-200 [image-rendering:pixelated]"
      />
    );
  }
  if (kind === "table" && source.kind === "data")
    return <TablePreview name={source.name} version={source.version} path={path} />;
  return <TextPreview source={source} path={path} />;
}
