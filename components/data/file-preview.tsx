"use client";

import { useWorkspace } from "../shell/workspace-context";
import { versionApi } from "./data-links";
import { fileKind } from "./file-kind";
import { TablePreview } from "./table-preview";
import { TextPreview } from "./text-preview";

/** One file of a version shown as what it is: an image, a table's first rows, or text. */
export function FilePreview({ name, version, path }: { name: string; version: number; path: string }) {
  const { id: workspaceId } = useWorkspace();
  const kind = fileKind(path);
  if (kind === "image") {
    return (
      <img
        src={`${versionApi(workspaceId, name, version)}/view?path=${encodeURIComponent(path)}`}
        alt={path}
        className="max-h-96 rounded border border-slate-200 [image-rendering:pixelated]"
      />
    );
  }
  if (kind === "table") return <TablePreview name={name} version={version} path={path} />;
  return <TextPreview name={name} version={version} path={path} />;
}
