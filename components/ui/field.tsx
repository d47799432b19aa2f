import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

const CONTROL =
  "mt-1 block w-full rounded border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600";
const LABEL = "block text-sm font-medium text-slate-700";

// Labels point at their control by id rather than wrapping it: a wrapped <select> would add its
// selected option to the accessible name, and a hint inside the label would too.

/** A label above its control and a hint below, the hint named as the control's description. */
function Field({
  label,
  hint,
  control,
}: {
  label: string;
  hint?: ReactNode;
  control: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      {control(id, hint ? `${id}-hint` : undefined)}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  hint,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode }) {
  return (
    <Field
      label={label}
      hint={hint}
      control={(id, describedBy) => <input {...props} id={id} aria-describedby={describedBy} className={CONTROL} />}
    />
  );
}

export function SelectField({
  label,
  children,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string }) {
  return (
    <Field
      label={label}
      control={(id) => (
        <select {...props} id={id} className={CONTROL}>
          {children}
        </select>
      )}
    />
  );
}

/** A multi-line field in a monospace font: label lines, instructions, code. */
export function TextAreaField({
  label,
  hint,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; hint?: ReactNode }) {
  return (
    <Field
      label={label}
      hint={hint}
      control={(id, describedBy) => (
        <textarea {...props} id={id} aria-describedby={describedBy} className={`${CONTROL} font-mono`} />
      )}
    />
  );
}
