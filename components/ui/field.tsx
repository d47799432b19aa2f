import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

const CONTROL = "mt-1 block w-full rounded border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600";

export function TextField({ label, hint, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode }) {
  return (
    <label className="block text-sm font-medium text-slate-700">
      {label}
      <input {...props} className={CONTROL} />
      {hint ? <span className="mt-1 block text-xs font-normal text-slate-500">{hint}</span> : null}
    </label>
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
