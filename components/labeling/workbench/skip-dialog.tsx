"use client";

import { useState } from "react";
import { Button } from "../../ui/button";
import { Dialog } from "../../ui/dialog";

/** Skipping needs a reason, so whoever manages the project knows what is wrong with the item. */
export function SkipDialog({
  isPending,
  onSkip,
  onClose,
}: {
  isPending: boolean;
  onSkip: (reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState("");
  return (
    <Dialog title="Skip this item" onClose={onClose}>
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim()) onSkip(reason.trim());
        }}
      >
        <label className="block text-sm font-medium text-slate-700">
          Reason
          <textarea
            autoFocus
            required
            maxLength={1000}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="mt-1 block w-full rounded border border-slate-300 px-2.5 py-1.5 text-sm focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600"
            placeholder="Blurry, not a photo of the subject, …"
          />
        </label>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={!reason.trim() || isPending}>
            Skip item
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
