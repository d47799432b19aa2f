/** The switch between every param and metric and only those that differ. */
export function DifferencesToggle({ isOn, onChange }: { isOn: boolean; onChange: (isOn: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" checked={isOn} onChange={(e) => onChange(e.target.checked)} /> Differences only
    </label>
  );
}
