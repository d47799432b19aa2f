"use client";

import { createContext, useContext } from "react";
import type { Action } from "@/server/rbac/actions";

export type TWorkspaceInfo = { id: string; name: string; description: string; role: string; actions: Action[] };

export const WorkspaceContext = createContext<TWorkspaceInfo | null>(null);

export function useWorkspace(): TWorkspaceInfo {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error("useWorkspace outside a workspace page");
  return workspace;
}

/** Whether the caller's role allows an action here; used to leave out buttons they cannot use. */
export function useCan(action: Action): boolean {
  return useWorkspace().actions.includes(action);
}
