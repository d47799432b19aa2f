"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { useWorkspace } from "../../shell/workspace-context";
import { useTRPC } from "../../trpc/trpc-provider";
import { Button } from "../../ui/button";
import { errorMessage } from "../../ui/error-message";
import { LabelingItemEditor } from "./labeling-item-editor";
import { preloadImage, useItemQueue } from "./use-item-queue";
import { WorkbenchFrame, WorkbenchMessage } from "./workbench-frame";
import type { TTool } from "./workbench-keys";
import type { TWorkbenchItem } from "./workbench-types";

/** The labeling page of a project: the caller's items one after another, the next one prefetched. */
export function LabelingWorkbench({ projectName }: { projectName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const project = useQuery(trpc.labeling.byName.queryOptions({ workspaceId, name: projectName }));
  const next = useMutation(trpc.labeling.next.mutationOptions());
  const { mutateAsync } = next;
  const queue = useItemQueue<TWorkbenchItem>({
    fetchNext: useCallback(
      (exclude) => mutateAsync({ workspaceId, name: projectName, exclude }),
      [mutateAsync, workspaceId, projectName],
    ),
    keyOf: (item) => item.id,
    preload: (item) => preloadImage(item.mediaUrl),
  });
  // The tool and the drawing label carry over from item to item.
  const [tool, setTool] = useState<TTool>("rect");
  const [activeLabel, setActiveLabel] = useState<string | null>(null);

  // Counts change as items are handed out and finished: refreshed with every item shown.
  const shownKey = queue.current ? queue.current.id : queue.current;
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.labeling.byName.queryKey({ workspaceId, name: projectName }) });
  }, [shownKey, queryClient, trpc, workspaceId, projectName]);

  const frame = (body: ReactNode) => (
    <WorkbenchFrame workspaceId={workspaceId} projectName={projectName} project={project.data} mode="Label">
      {body}
    </WorkbenchFrame>
  );
  if (project.isError)
    return frame(
      <WorkbenchMessage title="This project cannot be opened">{errorMessage(project.error)}</WorkbenchMessage>,
    );
  if (queue.error && !queue.current)
    return frame(
      <WorkbenchMessage title="The next item could not be loaded">
        <p>{errorMessage(queue.error)}</p>
        <Button onClick={() => void queue.advance()}>Try again</Button>
      </WorkbenchMessage>,
    );
  if (project.isPending || queue.current === undefined) return frame(<WorkbenchMessage title="Loading…" />);
  if (queue.current === null)
    return frame(
      <WorkbenchMessage title="Nothing left for you in this project">
        <p>Every item you can label here is done, held by someone else or waiting for review.</p>
        <p>
          <Link
            className="text-sky-700 underline"
            href={`/w/${workspaceId}/labeling/${encodeURIComponent(projectName)}`}
          >
            Back to the project
          </Link>
        </p>
      </WorkbenchMessage>,
    );
  return (
    <LabelingItemEditor
      key={queue.current.id}
      workspaceId={workspaceId}
      project={project.data}
      item={queue.current}
      tool={tool}
      onTool={setTool}
      activeLabel={activeLabel ?? project.data.labels[0]?.name ?? ""}
      onActiveLabel={setActiveLabel}
      onDone={() => {
        void queue.advance();
      }}
    />
  );
}
