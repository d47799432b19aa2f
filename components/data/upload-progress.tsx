import { formatBytes } from "../runs/format";
import type { TUploadProgress } from "./chunked-upload";
import { ProgressBar } from "./progress-bar";

const PHASE: Record<TUploadProgress["phase"], string> = {
  starting: "Starting the upload…",
  uploading: "Uploading",
  retrying: "Connection lost; retrying from what the studio received…",
  committing: "Creating the version…",
};

const percentOf = (value: number, max: number) => (max > 0 ? Math.floor((value / max) * 100) : 100);

/** The total and per-file progress of an upload, in bytes and percent. */
export function UploadProgress({ progress }: { progress: TUploadProgress }) {
  return (
    <div className="space-y-3" data-testid="upload-progress">
      <div>
        <div className="mb-1 flex justify-between text-sm">
          <span className="font-medium">{PHASE[progress.phase]}</span>
          <span className="font-mono text-xs" data-testid="upload-total">
            {formatBytes(progress.sentBytes)} / {formatBytes(progress.totalBytes)} (
            {percentOf(progress.sentBytes, progress.totalBytes)}%)
          </span>
        </div>
        <ProgressBar label="Total upload progress" value={progress.sentBytes} max={progress.totalBytes} />
        {progress.resumedBytes > 0 ? (
          <p className="mt-1 text-xs text-slate-500">
            Resumed: {formatBytes(progress.resumedBytes)} were already received.
          </p>
        ) : null}
      </div>
      <ul className="max-h-64 space-y-1.5 overflow-y-auto pr-1" aria-label="Files being uploaded">
        {progress.files.map((f) => (
          <li key={f.path} className="grid grid-cols-[1fr_8rem_10rem] items-center gap-3 text-xs">
            <span className="truncate font-mono" title={f.path}>
              {f.path}
            </span>
            <ProgressBar label={`Upload of ${f.path}`} value={f.sent} max={f.size} />
            <span className="text-right font-mono text-slate-600">
              {formatBytes(f.sent)} / {formatBytes(f.size)} ({percentOf(f.sent, f.size)}%)
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
