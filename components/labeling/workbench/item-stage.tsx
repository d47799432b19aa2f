"use client";

import type { Ref } from "react";
import { ImageViewport, type TViewportHandle } from "./image-viewport";
import { RegionOverlay, type TOverlayHandle } from "./region-overlay";
import { TextEntitiesView } from "./text-entities-view";
import type { TTextSelection } from "./text-selection";
import type { TTool } from "./workbench-keys";
import type { TRegionRef, TResult, TWorkbenchItem, TWorkbenchProject } from "./workbench-types";

/**
 * One item as the labeling and review pages show it: an image in its viewport (with regions for
 * drawing tasks) or the text, and a classification's picked labels. Read-only on the review page.
 */
export function ItemStage({
  project,
  item,
  result,
  isReadOnly,
  tool = "select",
  activeLabel = "",
  selected = null,
  textSelection = null,
  onChange = () => {},
  onSelect = () => {},
  onTextSelection = () => {},
  viewportRef,
  overlayRef,
}: {
  project: TWorkbenchProject;
  item: TWorkbenchItem;
  result: TResult;
  isReadOnly: boolean;
  tool?: TTool;
  activeLabel?: string;
  selected?: TRegionRef | null;
  textSelection?: TTextSelection | null;
  onChange?: (result: TResult) => void;
  onSelect?: (ref: TRegionRef | null) => void;
  onTextSelection?: (selection: TTextSelection | null) => void;
  viewportRef?: Ref<TViewportHandle>;
  overlayRef?: Ref<TOverlayHandle>;
}) {
  const isDrawing = project.taskType === "objectDetection" || project.taskType === "instanceSegmentation";
  const suggestions = isReadOnly ? [] : item.predictions;
  return (
    <div className="flex h-full min-h-0 flex-col gap-2">
      {result.labels !== undefined ? <PickedLabels project={project} labels={result.labels} /> : null}
      <div className="min-h-0 flex-1">
        {item.kind === "image" ? (
          item.mediaUrl && item.width && item.height ? (
            <ImageViewport
              src={item.mediaUrl}
              alt={item.key}
              size={{ width: item.width, height: item.height }}
              isPanTool={tool === "pan" || !isDrawing}
              handleRef={viewportRef}
            >
              {isDrawing
                ? (scale) => (
                    <RegionOverlay
                      size={{ width: item.width!, height: item.height! }}
                      scale={scale}
                      result={result}
                      suggestions={suggestions}
                      labels={project.labels}
                      tool={tool}
                      activeLabel={activeLabel}
                      selected={selected}
                      isReadOnly={isReadOnly}
                      onSelect={onSelect}
                      onChange={onChange}
                      handleRef={overlayRef}
                    />
                  )
                : undefined}
            </ImageViewport>
          ) : (
            <p role="alert" className="text-sm text-red-700">
              This image&apos;s size is not known; it cannot be shown.
            </p>
          )
        ) : project.taskType === "textEntities" ? (
          <TextEntitiesView
            text={item.text ?? ""}
            spans={result.spans ?? []}
            labels={project.labels}
            selection={textSelection}
            selectedSpan={selected?.kind === "span" ? selected.index : null}
            isReadOnly={isReadOnly}
            onSelection={onTextSelection}
            onSelectSpan={(index) => onSelect(index === null ? null : { kind: "span", index })}
          />
        ) : (
          <div
            data-testid="label-text"
            className="max-h-full overflow-y-auto whitespace-pre-wrap break-words rounded border border-slate-200 bg-white px-6 py-5 text-lg leading-9 text-slate-900"
          >
            {item.text}
          </div>
        )}
      </div>
    </div>
  );
}

function PickedLabels({ project, labels }: { project: TWorkbenchProject; labels: readonly string[] }) {
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-sm" aria-label="Picked labels" role="group">
      <span className="text-slate-500">{project.multiLabel ? "Labels:" : "Label:"}</span>
      {labels.length === 0 ? <span className="text-slate-400">none picked yet</span> : null}
      {labels.map((name) => {
        const color = project.labels.find((l) => l.name === name)?.color ?? "#64748b";
        return (
          <span
            key={name}
            className="rounded px-2 py-0.5 text-xs font-semibold text-white"
            style={{ backgroundColor: color }}
          >
            {name}
          </span>
        );
      })}
    </div>
  );
}
