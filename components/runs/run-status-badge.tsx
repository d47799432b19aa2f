const STYLES: Record<string, string> = {
  Queued: "bg-slate-100 text-slate-700",
  Preparing: "bg-amber-50 text-amber-800",
  Running: "bg-sky-100 text-sky-800",
  Finalizing: "bg-sky-50 text-sky-700",
  Completed: "bg-emerald-100 text-emerald-800",
  Failed: "bg-red-100 text-red-800",
  Canceled: "bg-slate-200 text-slate-700",
  TimedOut: "bg-orange-100 text-orange-800",
};

export function RunStatusBadge({ status }: { status: string }) {
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${STYLES[status] ?? "bg-slate-100"}`}>
      {status}
    </span>
  );
}

export const LIVE_STATUSES = new Set(["Queued", "Preparing", "Running", "Finalizing"]);
