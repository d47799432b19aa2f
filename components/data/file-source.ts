import { useQuery } from "@tanstack/react-query";
import { modelVersionApi } from "../models/model-links";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { versionApi } from "./data-links";

/**
 * A stored version whose files the studio browses: a data asset's or a registered model's. Both
 * keep files by path in content-addressed blobs and answer the same listing and preview shapes.
 */
export type TFileSource = { kind: "data" | "model"; name: string; version: number };

/** The REST base of the version: its `/download?path=` and `/view?path=` routes. */
export function fileSourceApi(workspaceId: string, source: TFileSource): string {
  return source.kind === "data"
    ? versionApi(workspaceId, source.name, source.version)
    : modelVersionApi(workspaceId, source.name, source.version);
}

// Both procedures are always declared and one is disabled, so the hooks run in the same order.

/** A page of the version's files by path. */
export function useSourceFiles(source: TFileSource, page: { after?: string; limit: number }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const input = { workspaceId, name: source.name, version: String(source.version), ...page };
  const data = useQuery({ ...trpc.data.files.queryOptions(input), enabled: source.kind === "data" });
  const model = useQuery({ ...trpc.models.files.queryOptions(input), enabled: source.kind === "model" });
  return source.kind === "data" ? data : model;
}

/** The beginning of one text file of the version. */
export function useSourceText(source: TFileSource, path: string) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const input = { workspaceId, name: source.name, version: String(source.version), path };
  const data = useQuery({ ...trpc.data.previewText.queryOptions(input), enabled: source.kind === "data" });
  const model = useQuery({ ...trpc.models.previewText.queryOptions(input), enabled: source.kind === "model" });
  return source.kind === "data" ? data : model;
}
