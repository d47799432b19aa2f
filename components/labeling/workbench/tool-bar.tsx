import type { TTool } from "./workbench-keys";

const TOOLS: Record<TTool, { name: string; key: string }> = {
  select: { name: "Select", key: "v" },
  pan: { name: "Pan", key: "h" },
  rect: { name: "Rectangle", key: "r" },
  polygon: { name: "Polygon", key: "p" },
};

export function ToolBar({
  tools,
  tool,
  onTool,
}: {
  tools: readonly TTool[];
  tool: TTool;
  onTool: (tool: TTool) => void;
}) {
  return (
    <div role="toolbar" aria-label="Tools" className="flex gap-1">
      {tools.map((t) => (
        <button
          key={t}
          type="button"
          aria-pressed={tool === t}
          title={`${TOOLS[t].name} (${TOOLS[t].key})`}
          onClick={() => onTool(t)}
          className={`rounded border px-2 py-1 text-xs font-medium ${
            tool === t
              ? "border-sky-700 bg-sky-700 text-white"
              : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
          }`}
        >
          {TOOLS[t].name} <kbd className="font-mono opacity-70">{TOOLS[t].key}</kbd>
        </button>
      ))}
    </div>
  );
}
