const TONES: Record<string, string> = {
  Ready: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  Creating: "bg-sky-50 text-sky-800 ring-sky-200",
  Updating: "bg-sky-50 text-sky-800 ring-sky-200",
  Deleting: "bg-slate-50 text-slate-700 ring-slate-200",
  Unhealthy: "bg-amber-50 text-amber-800 ring-amber-200",
  Failed: "bg-red-50 text-red-800 ring-red-200",
};

/** A deployment's state, coloured so a failing one stands out in a list. */
export function OnlineStateBadge({ state }: { state: string }) {
  return (
    <span
      data-testid="deployment-state"
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${TONES[state] ?? TONES.Deleting}`}
    >
      {state}
    </span>
  );
}
