"use client";

import { formatBytes } from "../runs/format";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { useSourceText, type TFileSource } from "./file-source";

/** The beginning of a text file, JSON pretty-printed, with a note when the file goes on. */
export function TextPreview({ source, path }: { source: TFileSource; path: string }) {
  const preview = useSourceText(source, path);
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
