/** A labelled progress bar (role=progressbar), filled to `value` of `max`. */
export function ProgressBar({ label, value, max }: { label: string; value: number; max: number }) {
  const percent = max > 0 ? Math.min(100, (value / max) * 100) : 100;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.floor(percent)}
      className="h-2 w-full overflow-hidden rounded bg-slate-200"
    >
      <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${percent}%` }} />
    </div>
  );
}
