/** One used-of-total bar; the label carries the numbers for screen readers and tests. */
export function CapacityBar({
  label,
  used,
  total,
  format,
}: {
  label: string;
  used: number;
  total: number | null;
  format: (n: number) => string;
}) {
  const ratio = total ? Math.min(1, used / total) : 0;
  const text = `${label}: ${format(used)} of ${total === null ? "?" : format(total)}`;
  return (
    <div className="w-40" title={text}>
      <div className="flex justify-between text-[11px] text-slate-500">
        <span>{label}</span>
        <span>
          {format(used)} / {total === null ? "?" : format(total)}
        </span>
      </div>
      <div
        role="meter"
        aria-label={text}
        aria-valuemin={0}
        aria-valuemax={total ?? 0}
        aria-valuenow={used}
        className="h-1.5 rounded bg-slate-200"
      >
        <div
          className={`h-1.5 rounded ${ratio > 0.9 ? "bg-amber-500" : "bg-sky-600"}`}
          style={{ width: `${ratio * 100}%` }}
        />
      </div>
    </div>
  );
}
