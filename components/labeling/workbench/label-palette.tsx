import type { TWorkbenchLabel } from "./workbench-types";

/** The project's labels with colour, name and key; pressed ones are the picked or drawing label. */
export function LabelPalette({
  labels,
  pressed,
  isReadOnly,
  onPick,
}: {
  labels: readonly TWorkbenchLabel[];
  pressed: readonly string[];
  isReadOnly: boolean;
  onPick: (name: string) => void;
}) {
  return (
    <section aria-label="Labels">
      <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Labels</h2>
      <ul className="space-y-1">
        {labels.map((label) => {
          const isPressed = pressed.includes(label.name);
          return (
            <li key={label.name}>
              <button
                type="button"
                disabled={isReadOnly}
                aria-pressed={isPressed}
                onClick={() => onPick(label.name)}
                className={`flex w-full items-center gap-2 rounded border px-2 py-1.5 text-left text-sm disabled:cursor-default ${
                  isPressed
                    ? "border-slate-900 bg-slate-100 font-semibold"
                    : "border-slate-200 bg-white hover:bg-slate-50"
                }`}
              >
                <span
                  aria-hidden
                  className="h-3.5 w-3.5 shrink-0 rounded-sm"
                  style={{ backgroundColor: label.color }}
                />
                <span className="min-w-0 flex-1 truncate">{label.name}</span>
                {label.hotkey ? (
                  <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs text-slate-600">
                    {label.hotkey}
                  </kbd>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
