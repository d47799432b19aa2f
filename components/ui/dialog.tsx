"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A modal dialog on the browser's own <dialog>: focus is kept inside, Escape closes it, and the
 * page behind is inert while it is open.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-label={title}
      onClose={onClose}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/30"
    >
      <header className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        <button type="button" aria-label="Close" className="text-slate-500 hover:text-slate-800" onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="p-4">{children}</div>
    </dialog>
  );
}
