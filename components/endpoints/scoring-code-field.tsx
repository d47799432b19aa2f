"use client";

import { DropZone } from "../data/drop-zone";
import type { TPickedFile } from "../data/picked-files";
import { SelectField } from "../ui/field";

/** The scripts a scoring folder offers as its entry; score.py first when there is one. */
export function pythonScripts(files: readonly TPickedFile[]): string[] {
  const scripts = files.map((f) => f.path).filter((p) => p.endsWith(".py"));
  return [...scripts.filter((p) => p === "score.py"), ...scripts.filter((p) => p !== "score.py")];
}

/** The scoring folder, or a single score.py, picked in the browser; and which of its scripts has init() and run(). */
export function ScoringCodeField({
  files,
  onFiles,
  scoringScript,
  onScoringScript,
  isDisabled,
}: {
  files: readonly TPickedFile[];
  onFiles: (files: TPickedFile[]) => void;
  scoringScript: string;
  onScoringScript: (path: string) => void;
  isDisabled: boolean;
}) {
  const scripts = pythonScripts(files);
  return (
    <div className="space-y-3">
      <p className="text-sm font-medium text-slate-700">Scoring code</p>
      <DropZone
        files={files}
        isDisabled={isDisabled}
        onFiles={(picked) => {
          onFiles(picked);
          onScoringScript(pythonScripts(picked)[0] ?? "");
        }}
      />
      {files.length > 0 ? (
        scripts.length === 0 ? (
          <p className="text-sm text-red-700">The picked files hold no .py script.</p>
        ) : (
          <SelectField label="Scoring script" value={scoringScript} onChange={(e) => onScoringScript(e.target.value)}>
            {scripts.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </SelectField>
        )
      ) : null}
    </div>
  );
}
