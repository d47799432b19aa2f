"use client";

import { FolderIcon } from "../ui/folder-icon";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { RegisterModelDialog } from "../models/register-model-dialog";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { formatBytes } from "./format";

/**
 * A run's artifact tree (outputs/, logs/ …): folders open in place, files download, and roles
 * that may write models register a folder or a file as a model version.
 */
export function ArtifactBrowser({ runId, isLive }: { runId: string; isLive: boolean }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const [folder, setFolder] = useState("");
  const [viewed, setViewed] = useState<{ path: string; text: string } | null>(null);
  const [registering, setRegistering] = useState<string | null>(null);
  const canRegister = useCan("model:write");
  const href = (path: string) =>
    `/api/v1/workspaces/${workspaceId}/runs/${runId}/artifacts/${path.split("/").map(encodeURIComponent).join("/")}`;
  const view = async (path: string) => {
    const response = await fetch(href(path));
    const text = await response.text();
    setViewed({
      path,
      text: text.length > 200_000 ? `${text.slice(0, 200_000)}\n… (truncated; download for the rest)` : text,
    });
  };
  const entries = useQuery({
    ...trpc.runs.artifacts.queryOptions({ workspaceId, runId, path: folder }),
    refetchInterval: isLive ? 5000 : false,
  });
  const crumbs = folder ? folder.split("/") : [];
  return (
    <div className="text-sm">
      <nav aria-label="Artifact folder" className="mb-2 flex flex-wrap gap-1 text-slate-600">
        <button type="button" className="text-sky-700 hover:underline" onClick={() => setFolder("")}>
          artifacts
        </button>
        {crumbs.map((c, i) => (
          <span key={i}>
            /{" "}
            <button
              type="button"
              className="text-sky-700 hover:underline"
              onClick={() => setFolder(crumbs.slice(0, i + 1).join("/"))}
            >
              {c}
            </button>
          </span>
        ))}
      </nav>
      {folder === "" && entries.data?.some((e) => e.path === "snapshot") ? (
        <a
          className="mb-2 inline-block text-xs text-sky-700 hover:underline"
          href={`/api/v1/workspaces/${workspaceId}/runs/${runId}/snapshot`}
        >
          Download the code snapshot (.tar.gz)
        </a>
      ) : null}
      {!entries.data?.length ? (
        <p className="text-slate-500">{entries.isPending ? "Loading…" : "No files."}</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Artifacts">
          {entries.data.map((e) => (
            <li key={e.path} className="flex items-center justify-between py-1.5">
              {e.isDir ? (
                <button
                  type="button"
                  className="font-medium text-sky-700 hover:underline"
                  onClick={() => setFolder(e.path)}
                >
                  <FolderIcon />
                  {e.name}/
                </button>
              ) : (
                <a className="text-sky-700 hover:underline" download href={href(e.path)}>
                  {e.name}
                </a>
              )}
              <span className="flex items-center gap-3 font-mono text-xs text-slate-500">
                {canRegister && e.path !== "snapshot" ? (
                  <button
                    type="button"
                    className="text-violet-700 hover:underline"
                    aria-label={`Register ${e.path} as a model`}
                    onClick={() => setRegistering(e.path)}
                  >
                    register model
                  </button>
                ) : null}
                {!e.isDir && (e.size ?? 0) <= 1024 * 1024 ? (
                  <button
                    type="button"
                    className="text-sky-700 hover:underline"
                    aria-label={`View ${e.name}`}
                    onClick={() => void view(e.path)}
                  >
                    view
                  </button>
                ) : null}
                {e.size === null ? "" : formatBytes(e.size)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {viewed ? (
        <figure className="mt-3 rounded border border-slate-200">
          <figcaption className="flex justify-between border-b border-slate-200 bg-slate-50 px-2 py-1 font-mono text-xs">
            {viewed.path}
            <button type="button" onClick={() => setViewed(null)} aria-label="Close viewer">
              ✕
            </button>
          </figcaption>
          <pre className="max-h-96 overflow-auto p-2 text-xs" data-testid="file-viewer">
            {viewed.text}
          </pre>
        </figure>
      ) : null}
      {registering ? (
        <RegisterModelDialog runId={runId} path={registering} onClose={() => setRegistering(null)} />
      ) : null}
    </div>
  );
}
