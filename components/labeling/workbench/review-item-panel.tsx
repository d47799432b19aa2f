"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "../../trpc/trpc-provider";
import { Button } from "../../ui/button";
import { errorMessage } from "../../ui/error-message";
import { Notice } from "../../ui/notice";
import type { TViewportHandle } from "./image-viewport";
import { InstructionsPanel } from "./instructions-panel";
import { ItemStage } from "./item-stage";
import { LabelPalette } from "./label-palette";
import { RegionsList } from "./regions-list";
import { startingResult } from "./result-edits";
import { WorkbenchFrame } from "./workbench-frame";
import { isTypingTarget, keyAction } from "./workbench-keys";
import type { TRegionRef, TReviewQueueItem, TWorkbenchProject } from "./workbench-types";

/** One labeler's submitted labels, read-only, to accept (ctrl+enter) or reject with a comment. */
export function ReviewItemPanel({
  workspaceId,
  project,
  review,
  onDone,
}: {
  workspaceId: string;
  project: TWorkbenchProject;
  review: TReviewQueueItem;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { item, labeler } = review;
  const annotation = item.annotation!;
  const result = startingResult(project.taskType, annotation.result);
  const [comment, setComment] = useState("");
  const [selected, setSelected] = useState<TRegionRef | null>(null);
  const viewportRef = useRef<TViewportHandle>(null);
  const decide = useMutation(trpc.labeling.review.mutationOptions({ onSuccess: onDone }));
  const send = (decision: "accept" | "reject") => {
    if (decide.isPending || (decision === "reject" && !comment.trim())) return;
    decide.mutate({
      workspaceId,
      name: project.name,
      annotationId: annotation.id,
      decision,
      comment: decision === "reject" ? comment.trim() : undefined,
      revision: annotation.revision,
    });
  };

  const onKey = (event: KeyboardEvent) => {
    if (isTypingTarget(event.target)) return;
    const action = keyAction(event, { labels: [], tools: [], hasCaret: false });
    if (action?.type === "submit") {
      event.preventDefault();
      send("accept");
    } else if (action?.type === "zoom") {
      event.preventDefault();
      viewportRef.current?.zoom(action.direction);
    }
  };
  const onKeyRef = useRef(onKey);
  useEffect(() => {
    onKeyRef.current = onKey;
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyRef.current(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  return (
    <WorkbenchFrame
      workspaceId={workspaceId}
      projectName={project.name}
      project={project}
      mode="Review"
      actions={
        <Button disabled={decide.isPending} onClick={() => send("accept")} title="Accept (ctrl+enter)">
          Accept <kbd className="font-mono text-xs opacity-70">ctrl+enter</kbd>
        </Button>
      }
    >
      <div className="flex min-w-0 flex-1 flex-col gap-2 p-3">
        {decide.error ? <Notice tone="error">{errorMessage(decide.error)}</Notice> : null}
        <div className="flex items-center justify-between gap-3 text-xs text-slate-500">
          <span className="truncate font-mono" data-testid="item-key">
            {item.key}
          </span>
          <span data-testid="labeler">
            Labeled by <span className="font-medium text-slate-800">{labeler.email || labeler.name}</span>
            {annotation.submittedAt ? ` · ${new Date(annotation.submittedAt).toLocaleString()}` : ""}
          </span>
        </div>
        <div className="min-h-0 flex-1">
          <ItemStage
            project={project}
            item={item}
            result={result}
            isReadOnly
            tool="pan"
            selected={selected}
            onSelect={setSelected}
            viewportRef={viewportRef}
          />
        </div>
      </div>
      <aside className="w-72 shrink-0 space-y-4 overflow-y-auto border-l border-slate-200 bg-white p-3">
        <LabelPalette labels={project.labels} pressed={result.labels ?? []} isReadOnly onPick={() => {}} />
        <RegionsList
          result={result}
          text={item.text}
          labels={project.labels}
          selected={selected}
          onSelect={setSelected}
        />
        <form
          aria-label="Reject"
          className="space-y-2 rounded border border-slate-200 p-2"
          onSubmit={(event) => {
            event.preventDefault();
            send("reject");
          }}
        >
          <label className="block text-sm font-medium text-slate-700">
            Comment for the labeler
            <textarea
              rows={3}
              maxLength={5000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder="What to correct"
              className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600"
            />
          </label>
          <Button type="submit" variant="danger" disabled={!comment.trim() || decide.isPending}>
            Reject
          </Button>
          <p className="text-xs text-slate-500">The item goes back to its labeler with your comment.</p>
        </form>
        <InstructionsPanel instructions={project.instructions} />
      </aside>
    </WorkbenchFrame>
  );
}
