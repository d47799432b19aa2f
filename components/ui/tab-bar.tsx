/** A row of tabs over one panel, for pages whose views switch in place. */
export function TabBar<T extends string>({
  label,
  tabs,
  current,
  onSelect,
}: {
  label: string;
  tabs: readonly T[];
  current: T;
  onSelect: (tab: T) => void;
}) {
  return (
    <div role="tablist" aria-label={label} className="flex gap-1 border-b border-slate-200">
      {tabs.map((t) => (
        <button
          key={t}
          type="button"
          role="tab"
          aria-selected={current === t}
          onClick={() => onSelect(t)}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
            current === t ? "border-sky-700 text-sky-800" : "border-transparent text-slate-600 hover:text-slate-900"
          }`}
        >
          {t}
        </button>
      ))}
    </div>
  );
}
