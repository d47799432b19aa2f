import type { TWorkbenchProject } from "./workbench-types";

/** The project's items by status, in one line. */
export function ProgressLine({ counts }: { counts: TWorkbenchProject["counts"] }) {
  const percent = counts.total === 0 ? 0 : Math.round((counts.done / counts.total) * 100);
  return (
    <div className="flex items-center gap-3 text-xs text-slate-600" data-testid="progress-line">
      <div
        role="progressbar"
        aria-label="Items done"
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
        className="h-1.5 w-28 overflow-hidden rounded bg-slate-200"
      >
        <div className="h-full bg-emerald-600" style={{ width: `${percent}%` }} />
      </div>
      <span>
        {counts.done} of {counts.total} done · {counts.needsReview} to review · {counts.inProgress} in progress ·{" "}
        {counts.todo} to do
        {counts.broken ? ` · ${counts.broken} broken` : ""}
      </span>
    </div>
  );
}
