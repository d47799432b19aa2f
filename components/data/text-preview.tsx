"use client";

import { useQuery } from "@tanstack/react-query";
import { formatBytes } from "../runs/format";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";

/** The beginning of a text file, JSON pretty-printed, with a note when the file goes on. */
export function TextPreview({ name, version, path }: { name: string; version: number; path: string }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const preview = useQuery(trpc.data.previewText.queryOptions({ workspaceId, name, version: String(version), path }));
  if (preview.isPending) return <p className="text-sm text-slate-500">Reading {path}…</p>;
  if (preview.isError) return <Notice tone="error">{errorMessage(preview.error)}</Notice>;
  const p = preview.data;
  return (
    <div>
      <p className="mb-1 text-xs text-slate-500">
        {p.isJson ? "JSON, pretty-printed" : "Text"} · {formatBytes(p.size)}
        {p.isTruncated ? ` · the first ${formatBytes(p.text.length)} shown; download for the rest` : ""}
      </p>
      <pre
        data-testid="text-preview"
        className="max-h-96 overflow-auto rounded border border-slate-200 bg-slate-50 p-2 text-xs"
      >
        {p.text}
      </pre>
    </div>
  );
}
