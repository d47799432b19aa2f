"use client";

import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";

/** A button for what cannot be undone: it asks first, in a dialog that names the consequence. */
export function ConfirmButton({
  label,
  ariaLabel,
  title,
  question,
  confirmLabel = "Delete",
  onConfirm,
}: {
  label: ReactNode;
  ariaLabel?: string;
  title: string;
  question: ReactNode;
  confirmLabel?: string;
  onConfirm: () => void;
}) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <Button variant="danger" aria-label={ariaLabel} onClick={() => setIsOpen(true)}>
        {label}
      </Button>
      {isOpen ? (
        <Dialog title={title} onClose={() => setIsOpen(false)}>
          <div className="space-y-4 text-sm">
            <div>{question}</div>
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setIsOpen(false)}>
                Cancel
              </Button>
              <Button
                variant="danger"
                onClick={() => {
                  setIsOpen(false);
                  onConfirm();
                }}
              >
                {confirmLabel}
              </Button>
            </div>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
