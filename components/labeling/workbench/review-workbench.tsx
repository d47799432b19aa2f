"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, type ReactNode } from "react";
import { useWorkspace } from "../../shell/workspace-context";
import { useTRPC } from "../../trpc/trpc-provider";
import { Button } from "../../ui/button";
import { errorMessage } from "../../ui/error-message";
import { ReviewItemPanel } from "./review-item-panel";
import { preloadImage, useItemQueue } from "./use-item-queue";
import { WorkbenchFrame, WorkbenchMessage } from "./workbench-frame";
import type { TReviewQueueItem } from "./workbench-types";

/** The review page of a project: submitted labels one after another, the next one prefetched. */
export function ReviewWorkbench({ projectName }: { projectName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const project = useQuery(trpc.labeling.byName.queryOptions({ workspaceId, name: projectName }));
  const { mutateAsync } = useMutation(trpc.labeling.nextReview.mutationOptions());
  const queue = useItemQueue<TReviewQueueItem>({
    fetchNext: useCallback(
      (exclude) => mutateAsync({ workspaceId, name: projectName, exclude }),
      [mutateAsync, workspaceId, projectName],
    ),
    // Reviews are of annotations: the same item may come back with another labeler's labels.
    keyOf: (review) => review.item.annotation!.id,
    preload: (review) => preloadImage(review.item.mediaUrl),
  });

  // Counts change as items are handed out and finished: refreshed with every item shown.
  const shownKey = queue.current ? queue.current.item.annotation!.id : queue.current;
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.labeling.byName.queryKey({ workspaceId, name: projectName }) });
  }, [shownKey, queryClient, trpc, workspaceId, projectName]);

  const frame = (body: ReactNode) => (
    <WorkbenchFrame workspaceId={workspaceId} projectName={projectName} project={project.data} mode="Review">
      {body}
    </WorkbenchFrame>
  );
  if (project.isError)
    return frame(
      <WorkbenchMessage title="This project cannot be opened">{errorMessage(project.error)}</WorkbenchMessage>,
    );
  if (queue.error && !queue.current)
    return frame(
      <WorkbenchMessage title="The next labels could not be loaded">
        <p>{errorMessage(queue.error)}</p>
        <Button onClick={() => void queue.advance()}>Try again</Button>
      </WorkbenchMessage>,
    );
  if (project.isPending || queue.current === undefined) return frame(<WorkbenchMessage title="Loading…" />);
  if (queue.current === null)
    return frame(
      <WorkbenchMessage title="Nothing waiting for review">
        <p>Submitted labels show up here as soon as someone else submits them.</p>
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
    <ReviewItemPanel
      key={queue.current.item.annotation!.id}
      workspaceId={workspaceId}
      project={project.data}
      review={queue.current}
      onDone={() => {
        void queue.advance();
      }}
    />
  );
}
