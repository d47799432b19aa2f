"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useReducer, useRef, useState } from "react";
import { useTRPC } from "../../trpc/trpc-provider";
import { Button } from "../../ui/button";
import { errorMessage } from "../../ui/error-message";
import { Notice } from "../../ui/notice";
import type { TViewportHandle } from "./image-viewport";
import { InstructionsPanel } from "./instructions-panel";
import { ItemStage } from "./item-stage";
import { labelHistory, type THistory } from "./label-history";
import { LabelPalette } from "./label-palette";
import type { TOverlayHandle } from "./region-overlay";
import { RegionsList } from "./regions-list";
import {
  acceptSuggestion,
  relabelRegion,
  removeRegion,
  startingResult,
  submitBlocker,
  toggleLabel,
} from "./result-edits";
import { SkipDialog } from "./skip-dialog";
import { SuggestionsPanel } from "./suggestions-panel";
import { moveTextSelection, selectionRange, type TTextSelection } from "./text-selection";
import { addSpan } from "./text-spans";
import { ToolBar } from "./tool-bar";
import { WorkbenchFrame } from "./workbench-frame";
import { isTypingTarget, keyAction, type TTool } from "./workbench-keys";
import type { TPrediction, TRegionRef, TResult, TWorkbenchItem, TWorkbenchProject } from "./workbench-types";

const TASK_TOOLS: Partial<Record<TWorkbenchProject["taskType"], TTool[]>> = {
  objectDetection: ["select", "pan", "rect"],
  instanceSegmentation: ["select", "pan", "polygon"],
};

/**
 * One item being labeled: its working labels with undo/redo, the tools and keys, submit and skip.
 * Mounted once per item, so moving on starts clean; a refused submit keeps everything drawn.
 */
export function LabelingItemEditor({
  workspaceId,
  project,
  item,
  tool,
  onTool,
  activeLabel,
  onActiveLabel,
  onDone,
}: {
  workspaceId: string;
  project: TWorkbenchProject;
  item: TWorkbenchItem;
  tool: TTool;
  onTool: (tool: TTool) => void;
  activeLabel: string;
  onActiveLabel: (label: string) => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const taskType = project.taskType;
  const tools = TASK_TOOLS[taskType] ?? [];
  const [history, dispatch] = useReducer(labelHistory<TResult>, null, (): THistory<TResult> => ({
    past: [],
    present: startingResult(taskType, item.annotation?.result),
    future: [],
  }));
  const result = history.present;
  const [selected, setSelected] = useState<TRegionRef | null>(null);
  const [textSelection, setTextSelection] = useState<TTextSelection | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [isSkipping, setSkipping] = useState(false);
  const viewportRef = useRef<TViewportHandle>(null);
  const overlayRef = useRef<TOverlayHandle>(null);
  const submit = useMutation(trpc.labeling.submit.mutationOptions({ onSuccess: onDone }));
  const skip = useMutation(trpc.labeling.skip.mutationOptions({ onSuccess: onDone }));
  const isBusy = submit.isPending || skip.isPending;
  const activeTool = tools.includes(tool) ? tool : (tools[0] ?? "select");

  const edit = (next: TResult) => {
    setMessage(null);
    dispatch({ type: "edit", next });
  };
  const doSubmit = () => {
    const blocker = submitBlocker(result, taskType);
    if (blocker) return setMessage(blocker);
    if (isBusy) return;
    skip.reset();
    submit.mutate({ workspaceId, name: project.name, itemId: item.id, result, revision: item.annotation?.revision });
  };
  const pickLabel = (name: string) => {
    if (taskType === "imageClassification" || taskType === "textClassification")
      return edit(toggleLabel(result, name, project.multiLabel));
    onActiveLabel(name);
    if (taskType === "textEntities" && textSelection && textSelection.anchor !== textSelection.focus) {
      const { start, end } = selectionRange(textSelection);
      const added = addSpan(item.text ?? "", result.spans ?? [], { label: name, start, end });
      if ("error" in added) return setMessage(added.error);
      edit({ spans: added.spans });
      setTextSelection({ anchor: end, focus: end });
      setSelected({ kind: "span", index: added.spans.findIndex((s) => s.start === start) });
      return;
    }
    if (selected) edit(relabelRegion(result, selected, name));
  };
  const accept = (prediction: TPrediction | undefined) => {
    if (prediction) edit(acceptSuggestion(result, prediction, taskType, project.multiLabel));
  };

  const onKey = (event: KeyboardEvent) => {
    if (isTypingTarget(event.target) || isSkipping) return;
    const action = keyAction(event, { labels: project.labels, tools, hasCaret: taskType === "textEntities" });
    if (!action || action.type === "help") return;
    if (action.type === "close" && activeTool !== "polygon") return;
    event.preventDefault();
    switch (action.type) {
      case "submit":
        return doSubmit();
      case "undo":
      case "redo":
        setSelected(null);
        return dispatch({ type: action.type });
      case "zoom":
        return viewportRef.current?.zoom(action.direction);
      case "tool":
        overlayRef.current?.cancelDraft();
        return onTool(action.tool);
      case "label":
        return pickLabel(action.name);
      case "delete":
        if (selected) edit(removeRegion(result, selected));
        return setSelected(null);
      case "accept":
        return accept(item.predictions[0]);
      case "close":
        return overlayRef.current?.closePolygon();
      case "cancel":
        if (overlayRef.current?.cancelDraft()) return;
        setSelected(null);
        return setTextSelection(null);
      case "caret":
        setSelected(null);
        return setTextSelection(moveTextSelection(item.text ?? "", textSelection, action));
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

  const error = submit.error ?? skip.error;
  const rejected = item.annotation?.state === "rejected" ? item.annotation : null;
  return (
    <WorkbenchFrame
      workspaceId={workspaceId}
      projectName={project.name}
      project={project}
      mode="Label"
      actions={
        <>
          <Button
            variant="ghost"
            disabled={history.past.length === 0}
            onClick={() => dispatch({ type: "undo" })}
            title="Undo (ctrl+z)"
          >
            Undo
          </Button>
          <Button
            variant="ghost"
            disabled={history.future.length === 0}
            onClick={() => dispatch({ type: "redo" })}
            title="Redo (ctrl+shift+z)"
          >
            Redo
          </Button>
          <Button variant="secondary" disabled={isBusy} onClick={() => setSkipping(true)}>
            Skip
          </Button>
          <Button disabled={isBusy} onClick={doSubmit} title="Submit (ctrl+enter)">
            {submit.isPending ? "Submitting…" : "Submit"} <kbd className="font-mono text-xs opacity-70">ctrl+enter</kbd>
          </Button>
        </>
      }
    >
      <div className="flex min-w-0 flex-1 flex-col gap-2 p-3">
        {rejected ? (
          <div
            role="alert"
            data-testid="rejected-banner"
            className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          >
            <span className="font-semibold">A reviewer sent this back:</span> “{rejected.reviewComment}” Your earlier
            labels are loaded; correct them and submit again.
          </div>
        ) : null}
        {error ? (
          <Notice tone="error">{errorMessage(error)} Nothing you drew is lost; fix it and submit again.</Notice>
        ) : null}
        {message ? <Notice tone="error">{message}</Notice> : null}
        <div className="flex items-center justify-between gap-3 text-xs text-slate-500">
          <span className="truncate font-mono" data-testid="item-key">
            {item.key}
          </span>
          {tools.length > 0 ? <ToolBar tools={tools} tool={activeTool} onTool={onTool} /> : null}
          {taskType === "textEntities" ? (
            <span>Select text with the mouse or shift+←/→, then press a label&apos;s key.</span>
          ) : null}
        </div>
        <div className="min-h-0 flex-1">
          <ItemStage
            project={project}
            item={item}
            result={result}
            isReadOnly={false}
            tool={activeTool}
            activeLabel={activeLabel}
            selected={selected}
            textSelection={textSelection}
            onChange={edit}
            onSelect={setSelected}
            onTextSelection={setTextSelection}
            viewportRef={viewportRef}
            overlayRef={overlayRef}
          />
        </div>
      </div>
      <aside className="w-72 shrink-0 space-y-4 overflow-y-auto border-l border-slate-200 bg-white p-3">
        <LabelPalette
          labels={project.labels}
          pressed={result.labels ?? [activeLabel]}
          isReadOnly={false}
          onPick={pickLabel}
        />
        <SuggestionsPanel predictions={item.predictions} isReadOnly={false} onAccept={accept} />
        <RegionsList
          result={result}
          text={item.text}
          labels={project.labels}
          selected={selected}
          onSelect={setSelected}
        />
        <InstructionsPanel instructions={project.instructions} />
      </aside>
      {isSkipping ? (
        <SkipDialog
          isPending={skip.isPending}
          onClose={() => setSkipping(false)}
          onSkip={(reason) => {
            submit.reset();
            skip.mutate(
              { workspaceId, name: project.name, itemId: item.id, reason },
              { onSettled: () => setSkipping(false) },
            );
          }}
        />
      ) : null}
    </WorkbenchFrame>
  );
}
