import type { TRegionRef, TResult, TWorkbenchLabel } from "./workbench-types";

/** The drawn regions or spans as a list: what is there at a glance, and another way to select one. */
export function RegionsList({
  result,
  text,
  labels,
  selected,
  onSelect,
}: {
  result: TResult;
  text: string | null;
  labels: readonly TWorkbenchLabel[];
  selected: TRegionRef | null;
  onSelect: (ref: TRegionRef) => void;
}) {
  const rows: { ref: TRegionRef; label: string; detail: string }[] = [
    ...(result.boxes ?? []).map((b, index) => ({
      ref: { kind: "box" as const, index },
      label: b.label,
      detail: `box ${Math.round(b.width)}×${Math.round(b.height)} at ${Math.round(b.x)},${Math.round(b.y)}`,
    })),
    ...(result.polygons ?? []).map((g, index) => ({
      ref: { kind: "polygon" as const, index },
      label: g.label,
      detail: `polygon, ${g.points.length} points`,
    })),
    ...(result.spans ?? []).map((s, index) => ({
      ref: { kind: "span" as const, index },
      label: s.label,
      detail: `“${(text ?? "").slice(s.start, s.end)}”`,
    })),
  ];
  if (result.labels !== undefined) return null;
  return (
    <section aria-label="Regions">
      <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
        {result.spans !== undefined ? "Entities" : "Regions"} ({rows.length})
      </h2>
      {rows.length === 0 ? <p className="text-xs text-slate-500">None yet.</p> : null}
      <ol className="space-y-0.5" data-testid="regions-list">
        {rows.map((row) => {
          const isSelected = selected?.kind === row.ref.kind && selected.index === row.ref.index;
          const color = labels.find((l) => l.name === row.label)?.color ?? "#64748b";
          return (
            <li key={`${row.ref.kind}${row.ref.index}`}>
              <button
                type="button"
                onClick={() => onSelect(row.ref)}
                aria-pressed={isSelected}
                className={`flex w-full items-center gap-2 rounded px-2 py-1 text-left text-xs ${isSelected ? "bg-slate-200" : "hover:bg-slate-100"}`}
              >
                <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-sm" style={{ backgroundColor: color }} />
                <span className="font-medium">{row.label}</span>
                <span className="min-w-0 truncate text-slate-500">{row.detail}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
