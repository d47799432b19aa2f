"use client";

import Link from "next/link";
import { useEffect, useState, type ReactNode } from "react";
import { ProgressLine } from "./progress-line";
import { ShortcutsHelp } from "./shortcuts-help";
import { isTypingTarget } from "./workbench-keys";
import type { TWorkbenchProject } from "./workbench-types";

/** The full-height frame of the labeling and review pages: where you are, progress, actions, the keys. */
export function WorkbenchFrame({
  workspaceId,
  projectName,
  project,
  mode,
  actions,
  children,
}: {
  workspaceId: string;
  projectName: string;
  project?: TWorkbenchProject;
  mode: "Label" | "Review";
  actions?: ReactNode;
  children: ReactNode;
}) {
  const [isHelpOpen, setHelpOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "?" && !isTypingTarget(event.target)) setHelpOpen((open) => !open);
      if (event.key === "Escape") setHelpOpen(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const projectHref = `/w/${workspaceId}/labeling/${encodeURIComponent(projectName)}`;
  return (
    // Cancels the studio's page padding: the workbench uses the whole space below the top bar.
    <div className="-m-6 flex h-[calc(100vh-3rem)] min-w-[56rem] flex-col bg-slate-50">
      <header className="flex flex-wrap items-center gap-x-6 gap-y-1 border-b border-slate-200 bg-white px-4 py-2">
        <div className="min-w-0">
          <p className="text-xs text-slate-500">
            <Link className="text-sky-700 hover:underline" href={`/w/${workspaceId}/labeling`}>
              Labeling
            </Link>{" "}
            /{" "}
            <Link className="text-sky-700 hover:underline" href={projectHref}>
              {projectName}
            </Link>
          </p>
          <div className="flex flex-wrap items-baseline gap-x-4">
            <h1 className="text-base font-semibold text-slate-900">
              {mode === "Label" ? "Label" : "Review"} · {projectName}
            </h1>
            {project ? <ProgressLine counts={project.counts} /> : null}
          </div>
        </div>
        <div className="ml-auto flex items-center gap-2">
          {actions}
          <ShortcutsHelp isOpen={isHelpOpen} onToggle={() => setHelpOpen((open) => !open)} />
        </div>
      </header>
      <div className="flex min-h-0 flex-1">{children}</div>
    </div>
  );
}

/** What the frame shows instead of an item: loading, an error, or nothing left, with the way back. */
export function WorkbenchMessage({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="m-auto max-w-md rounded border border-slate-200 bg-white p-6 text-center" role="status">
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      {children ? <div className="mt-2 space-y-2 text-sm text-slate-600">{children}</div> : null}
    </div>
  );
}
