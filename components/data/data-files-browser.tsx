"use client";

import { useState } from "react";
import { formatBytes } from "../runs/format";
import { useWorkspace } from "../shell/workspace-context";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { fileKind } from "./file-kind";
import { fileSourceApi, useSourceFiles, type TFileSource } from "./file-source";

const PAGE = 50;

/**
 * A data or model version's files by path, a page at a time, each with a download link and a
 * preview when one exists.
 */
export function DataFilesBrowser({ source, onPreview }: { source: TFileSource; onPreview: (path: string) => void }) {
  const { id: workspaceId } = useWorkspace();
  // The `after` cursor of each page seen, so Previous goes back without the server keeping state.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const after = cursors.at(-1);
  const files = useSourceFiles(source, { after, limit: PAGE });
  if (files.isError) return <Notice tone="error">{errorMessage(files.error)}</Notice>;
  const api = fileSourceApi(workspaceId, source);
  return (
    <div className="text-sm">
      <table aria-label="Files" className="w-full text-left">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1.5 pr-3">Path</th>
            <th className="py-1.5 pr-3 text-right">Size</th>
            <th className="py-1.5 pr-3">SHA-256</th>
            <th className="py-1.5" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {files.data?.files.map((f) => (
            <tr key={f.path}>
              <td className="py-1.5 pr-3 font-mono text-xs">{f.path}</td>
              <td className="py-1.5 pr-3 text-right font-mono text-xs">{formatBytes(f.size)}</td>
              <td className="py-1.5 pr-3 font-mono text-xs text-slate-500" title={f.sha256}>
                {f.sha256.slice(0, 12)}
              </td>
              <td className="py-1.5 text-right text-xs">
                {fileKind(f.path) !== "other" ? (
                  <button
                    type="button"
                    className="mr-3 text-sky-700 hover:underline"
                    aria-label={`Preview ${f.path}`}
                    onClick={() => onPreview(f.path)}
                  >
                    preview
                  </button>
                ) : null}
                <a
                  className="text-sky-700 hover:underline"
                  aria-label={`Download ${f.path}`}
                  href={`${api}/download?path=${encodeURIComponent(f.path)}`}
                >
                  download
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {files.isPending ? <p className="py-2 text-slate-500">Loading files…</p> : null}
      <div className="mt-2 flex items-center gap-2">
        <Button variant="secondary" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous
        </Button>
        <Button
          variant="secondary"
          disabled={!files.data?.nextAfter}
          onClick={() => files.data?.nextAfter && setCursors([...cursors, files.data.nextAfter])}
        >
          Next
        </Button>
        <span className="text-xs text-slate-500">Page {cursors.length}</span>
      </div>
    </div>
  );
}
