"use client";

const SHORTCUTS: [string, string][] = [
  ["1–9", "Pick a label; relabel the selected region or text"],
  ["ctrl+enter", "Submit (Accept on the review page)"],
  ["ctrl+z / ctrl+shift+z, ctrl+y", "Undo / redo"],
  ["v · h · r · p", "Select · pan · rectangle · polygon"],
  ["space + drag", "Pan the image"],
  ["wheel, ctrl+= / ctrl+-", "Zoom"],
  ["enter / esc", "Close / cancel a polygon"],
  ["backspace, delete", "Remove the selected region or span"],
  ["← → (shift, alt)", "Move the text caret (extend, by word)"],
  ["a", "Accept the suggestion"],
  ["?", "Show these keys"],
];

/** The page's keys in a small popover; keys are off while typing in a field. */
export function ShortcutsHelp({ isOpen, onToggle }: { isOpen: boolean; onToggle: () => void }) {
  return (
    <div className="relative">
      <button
        type="button"
        aria-label="Keyboard shortcuts"
        aria-expanded={isOpen}
        onClick={onToggle}
        className="h-7 w-7 rounded-full border border-slate-300 bg-white text-sm font-semibold text-slate-700 hover:bg-slate-50"
      >
        ?
      </button>
      {isOpen ? (
        <div
          role="dialog"
          aria-label="Keyboard shortcuts"
          className="absolute right-0 top-9 z-20 w-96 rounded border border-slate-200 bg-white p-3 shadow-lg"
        >
          <table className="w-full text-xs">
            <tbody>
              {SHORTCUTS.map(([keys, what]) => (
                <tr key={keys}>
                  <td className="whitespace-nowrap py-0.5 pr-3 font-mono text-slate-900">{keys}</td>
                  <td className="py-0.5 text-slate-600">{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-xs text-slate-500">Keys are ignored while typing in a field.</p>
        </div>
      ) : null}
    </div>
  );
}
