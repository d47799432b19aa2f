const TONES: Record<string, string> = {
  Online: "bg-emerald-100 text-emerald-800",
  Draining: "bg-amber-100 text-amber-800",
  Offline: "bg-slate-200 text-slate-700",
};

export function HostStatusBadge({ status }: { status: string }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${TONES[status] ?? TONES.Offline}`}>{status}</span>
  );
}
