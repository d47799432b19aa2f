import { suggestionSummary } from "./result-edits";
import type { TPrediction } from "./workbench-types";

/** ML assist's suggestions: shown, never part of the labels until accepted here (or with `a`). */
export function SuggestionsPanel({
  predictions,
  isReadOnly,
  onAccept,
}: {
  predictions: readonly TPrediction[];
  isReadOnly: boolean;
  onAccept: (prediction: TPrediction) => void;
}) {
  if (predictions.length === 0) return null;
  return (
    <section aria-label="Suggestions" className="space-y-1">
      <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">ML assist</h2>
      {predictions.map((p) => (
        <div
          key={p.source}
          className="rounded border border-dashed border-violet-300 bg-violet-50 px-2 py-1.5 text-sm text-violet-900"
        >
          <p>
            Suggested: <span className="font-medium">{suggestionSummary(p)}</span>
          </p>
          <p className="truncate text-xs text-violet-700" title={p.source}>
            from {p.source}
          </p>
          {isReadOnly ? null : (
            <button
              type="button"
              onClick={() => onAccept(p)}
              className="mt-1 rounded border border-violet-400 bg-white px-2 py-0.5 text-xs font-medium hover:bg-violet-100"
            >
              Accept suggestion <kbd className="font-mono opacity-70">a</kbd>
            </button>
          )}
        </div>
      ))}
    </section>
  );
}
