"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { versionApi } from "./data-links";

const PAGE = 24;

/** Thumbnails of a version's images, a page at a time; each image is streamed by the file route. */
export function ImageGallery({
  name,
  version,
  onOpen,
}: {
  name: string;
  version: number;
  onOpen: (path: string) => void;
}) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const images = useQuery(
    trpc.data.images.queryOptions({ workspaceId, name, version: String(version), after: cursors.at(-1), limit: PAGE }),
  );
  if (images.isPending) return <p className="text-sm text-slate-500">Looking for images…</p>;
  if (images.isError) return <Notice tone="error">{errorMessage(images.error)}</Notice>;
  if (images.data.images.length === 0) return <p className="text-sm text-slate-500">No images in this version.</p>;
  const api = versionApi(workspaceId, name, version);
  return (
    <div>
      <ul aria-label="Images" className="grid grid-cols-[repeat(auto-fill,minmax(7rem,1fr))] gap-3">
        {images.data.images.map((img) => (
          <li key={img.path}>
            <button
              type="button"
              className="block w-full rounded border border-slate-200 bg-slate-50 p-1 hover:border-sky-500"
              onClick={() => onOpen(img.path)}
            >
              {/* The file route streams the stored bytes with their type; Next's optimiser has no access to them. */}
              <img
                src={`${api}/view?path=${encodeURIComponent(img.path)}`}
                alt={img.path}
                loading="lazy"
                className="mx-auto h-24 w-full object-contain [image-rendering:pixelated]"
              />
              <span className="mt-1 block truncate font-mono text-[10px] text-slate-600">{img.path}</span>
            </button>
          </li>
        ))}
      </ul>
      {cursors.length > 1 || images.data.nextAfter ? (
        <div className="mt-3 flex items-center gap-2">
          <Button variant="secondary" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous
          </Button>
          <Button
            variant="secondary"
            disabled={!images.data.nextAfter}
            onClick={() => images.data.nextAfter && setCursors([...cursors, images.data.nextAfter])}
          >
            Next
          </Button>
          <span className="text-xs text-slate-500">Page {cursors.length}</span>
        </div>
      ) : null}
    </div>
  );
}
