import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

const CONTROL = "mt-1 block w-full rounded border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600";

/** A labelled input; the hint sits outside the label so the accessible name stays the label alone. */
export function TextField({ label, hint, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode }) {
  const hintId = useId();
  return (
    <div>
      <label className="block text-sm font-medium text-slate-700">
        {label}
        <input {...props} aria-describedby={hint ? hintId : undefined} className={CONTROL} />
      </label>
      {hint ? <p id={hintId} className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

export function SelectField({ label, children, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { label: string }) {
  return (
    <label className="block text-sm font-medium text-slate-700">
      {label}
      <select {...props} className={CONTROL}>
        {children}
      </select>
    </label>
  );
}
