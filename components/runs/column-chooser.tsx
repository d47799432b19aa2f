"use client";

type TKeys = { params: string[]; metrics: string[]; tags: string[] };

export function ColumnChooser({
  keys,
  chosen,
  onChange,
}: {
  keys: TKeys;
  chosen: string[];
  onChange: (ids: string[]) => void;
}) {
  const toggle = (id: string, isOn: boolean) => onChange(isOn ? [...chosen, id] : chosen.filter((c) => c !== id));
  const box = (id: string, label: string) => (
    <label key={id} className="flex items-center gap-1.5 whitespace-nowrap text-xs">
      <input type="checkbox" checked={chosen.includes(id)} onChange={(e) => toggle(id, e.target.checked)} />
      <span className="font-mono">{label}</span>
    </label>
  );
  return (
    <details className="relative">
      <summary className="cursor-pointer rounded border border-slate-300 bg-white px-2 py-1 text-sm">
        Columns ({chosen.length})
      </summary>
      <div className="absolute right-0 z-20 mt-1 max-h-96 w-80 space-y-3 overflow-auto rounded border border-slate-200 bg-white p-3 shadow-lg">
        <fieldset>
          <legend className="mb-1 text-xs font-semibold uppercase text-slate-500">Metrics</legend>
          {keys.metrics.length ? (
            keys.metrics.map((k) => (
              <div key={k} className="flex gap-3">
                {box(`metrics.${k}:last`, k)}
                {box(`metrics.${k}:min`, "min")}
                {box(`metrics.${k}:max`, "max")}
              </div>
            ))
          ) : (
            <p className="text-xs text-slate-400">none</p>
          )}
        </fieldset>
        <fieldset>
          <legend className="mb-1 text-xs font-semibold uppercase text-slate-500">Params</legend>
          {keys.params.length ? (
            keys.params.map((k) => box(`params.${k}`, k))
          ) : (
            <p className="text-xs text-slate-400">none</p>
          )}
        </fieldset>
        <fieldset>
          <legend className="mb-1 text-xs font-semibold uppercase text-slate-500">Tags</legend>
          {keys.tags.length ? (
            keys.tags.map((k) => box(`tags.${k}`, k))
          ) : (
            <p className="text-xs text-slate-400">none</p>
          )}
        </fieldset>
      </div>
    </details>
  );
}
