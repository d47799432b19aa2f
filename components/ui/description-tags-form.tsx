"use client";

import { useId, useState } from "react";
import { parseLabels } from "../compute/parse-labels";
import { Button } from "./button";
import { errorMessage } from "./error-message";
import { TextField } from "./field";
import { Notice } from "./notice";

const tagsText = (tags: Record<string, string>) =>
  Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");

/**
 * The form for what stays editable on an asset or a version: a description (one line, or
 * Markdown over several) and `key=value` tags. The caller saves; the form shows its error.
 */
export function DescriptionTagsForm({
  title,
  description,
  tags,
  isMarkdown = false,
  isPending,
  error,
  onSave,
  onCancel,
}: {
  title: string;
  description: string;
  tags: Record<string, string>;
  isMarkdown?: boolean;
  isPending: boolean;
  error: unknown;
  onSave: (change: { description: string; tags: Record<string, string> }) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(description);
  const [tagText, setTagText] = useState(tagsText(tags));
  const parsed = parseLabels(tagText);
  const areaId = useId();
  return (
    <form
      aria-label={title}
      className="space-y-3 rounded border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ description: text, tags: parsed.labels });
      }}
    >
      <p className="text-sm font-medium">{title}</p>
      {isMarkdown ? (
        <div>
          <label htmlFor={areaId} className="block text-sm font-medium text-slate-700">
            Description
          </label>
          <textarea
            id={areaId}
            rows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            className="mt-1 block w-full rounded border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-xs shadow-sm focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600"
          />
          <p className="mt-1 text-xs text-slate-500">Markdown: headings, lists, links, code.</p>
        </div>
      ) : (
        <TextField label="Description" value={text} onChange={(e) => setText(e.target.value)} />
      )}
      <TextField
        label="Tags"
        value={tagText}
        onChange={(e) => setTagText(e.target.value)}
        hint={parsed.error ?? "key=value, separated by commas"}
      />
      <div className="flex gap-2">
        <Button type="submit" disabled={isPending || parsed.error !== null}>
          Save
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      {error ? <Notice tone="error">{errorMessage(error)}</Notice> : null}
    </form>
  );
}
