import { ITEM_STATUS_COLORS, ITEM_STATUS_LABELS, ITEM_STATUSES, type TItemStatus } from "./task-types";

/** A project's items by status as one thin stacked bar, with the counts in its title. */
export function StatusBar({ counts }: { counts: Record<TItemStatus, number> & { total: number } }) {
  const total = Math.max(1, counts.total);
  const title = ITEM_STATUSES.map((s) => `${ITEM_STATUS_LABELS[s]}: ${counts[s]}`).join(", ");
  return (
    <div className="w-48">
      <div className="flex h-2 overflow-hidden rounded bg-slate-100" role="img" aria-label={title} title={title}>
        {ITEM_STATUSES.map((s) =>
          counts[s] > 0 ? (
            <div key={s} style={{ width: `${(100 * counts[s]) / total}%`, background: ITEM_STATUS_COLORS[s] }} />
          ) : null,
        )}
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {counts.done} of {counts.total} done{counts.needsReview ? ` · ${counts.needsReview} to review` : ""}
      </p>
    </div>
  );
}
