import { MarkdownText } from "../../ui/markdown";

/** The project's instructions, folded away once read. */
export function InstructionsPanel({ instructions }: { instructions: string }) {
  if (!instructions.trim()) return null;
  return (
    <details className="group rounded border border-slate-200 bg-white" open>
      <summary className="cursor-pointer select-none px-2 py-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">
        Instructions
      </summary>
      <div className="max-h-64 overflow-y-auto px-2 pb-2">
        <MarkdownText text={instructions} />
      </div>
    </details>
  );
}
