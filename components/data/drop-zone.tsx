"use client";

import { useState } from "react";
import { formatBytes } from "../runs/format";
import { filesFromDrop, filesFromInput, type TPickedFile } from "./picked-files";

// Chromium, Firefox and Safari all take the non-standard attribute; React's types do not know it.
const FOLDER_PICKER = { webkitdirectory: "" } as Record<string, string>;

/** Where files or a folder are dropped or picked; shows what was chosen. */
export function DropZone({
  files,
  onFiles,
  isDisabled,
}: {
  files: readonly TPickedFile[];
  onFiles: (files: TPickedFile[]) => void;
  isDisabled: boolean;
}) {
  const [isOver, setIsOver] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const total = files.reduce((sum, f) => sum + f.file.size, 0);
  return (
    <div
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setIsOver(true);
      }}
      onDragLeave={() => setIsOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setIsOver(false);
        if (isDisabled) return;
        filesFromDrop(e.dataTransfer).then(
          (picked) => {
            setError(null);
            onFiles(picked);
          },
          (failure: unknown) => setError(`The dropped files could not be read: ${String(failure)}`),
        );
      }}
      className={`rounded-lg border-2 border-dashed p-6 text-center text-sm ${isOver ? "border-sky-500 bg-sky-50" : "border-slate-300 bg-slate-50"}`}
    >
      <p className="text-slate-700">Drop a file or a folder here, or</p>
      <div className="mt-2 flex justify-center gap-2">
        <label className="cursor-pointer rounded border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50">
          Choose files
          <input
            type="file"
            multiple
            className="sr-only"
            disabled={isDisabled}
            aria-label="Choose files"
            onChange={(e) => e.target.files && onFiles(filesFromInput(e.target.files))}
          />
        </label>
        <label className="cursor-pointer rounded border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50">
          Choose a folder
          <input
            type="file"
            {...FOLDER_PICKER}
            className="sr-only"
            disabled={isDisabled}
            aria-label="Choose a folder"
            onChange={(e) => e.target.files && onFiles(filesFromInput(e.target.files))}
          />
        </label>
      </div>
      {error ? <p className="mt-2 text-red-700">{error}</p> : null}
      {files.length > 0 ? (
        <p className="mt-3 text-slate-700" data-testid="picked-summary">
          {files.length} file(s), {formatBytes(total)}
          {files.length <= 3 ? `: ${files.map((f) => f.path).join(", ")}` : ""}
        </p>
      ) : null}
    </div>
  );
}
