"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { NAV_GROUPS } from "./navigation";
import { TopBar } from "./top-bar";
import { WorkspaceContext } from "./workspace-context";

export function StudioShell({
  workspaceId,
  signOutAction,
  children,
}: {
  workspaceId: string;
  signOutAction: () => Promise<void>;
  children: ReactNode;
}) {
  const trpc = useTRPC();
  const pathname = usePathname();
  const workspace = useQuery(trpc.workspaces.byId.queryOptions({ workspaceId }));
  // Run pages belong to Experiments in the navigation.
  const segment = pathname.split("/")[3] ?? "";
  const section = segment === "runs" ? "experiments" : segment;

  return (
    <div className="flex min-h-screen flex-col">
      <TopBar workspaceId={workspaceId} section={section} signOutAction={signOutAction} />
      <div className="flex flex-1">
        <nav aria-label="Studio" className="w-56 shrink-0 border-r border-slate-200 bg-white px-2 py-4">
          <Link
            href={`/w/${workspaceId}`}
            aria-current={section === "" ? "page" : undefined}
            className={`mb-3 block rounded px-3 py-1.5 text-sm ${section === "" ? "bg-sky-50 font-semibold text-sky-800" : "text-slate-700 hover:bg-slate-100"}`}
          >
            Home
          </Link>
          {NAV_GROUPS.map((group) => (
            <div key={group.title} className="mb-4">
              <p className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">{group.title}</p>
              <ul>
                {group.items.map((item) => {
                  const isActive = section === item.slug;
                  return (
                    <li key={item.slug}>
                      <Link
                        href={`/w/${workspaceId}/${item.slug}`}
                        aria-current={isActive ? "page" : undefined}
                        className={`flex items-center justify-between rounded px-3 py-1.5 text-sm ${isActive ? "bg-sky-50 font-semibold text-sky-800" : "text-slate-700 hover:bg-slate-100"}`}
                      >
                        {item.label}
                        {item.isBuilt ? null : <span className="text-[10px] uppercase text-slate-400">soon</span>}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </nav>
        <main className="flex-1 overflow-x-auto p-6">
          {workspace.isPending ? (
            <p className="text-sm text-slate-500">Loading workspace…</p>
          ) : workspace.isError ? (
            <div role="alert" className="mx-auto max-w-xl rounded border border-slate-200 bg-white p-6">
              <h1 className="text-lg font-semibold">Workspace unavailable</h1>
              <p className="mt-1 text-sm text-slate-600">{errorMessage(workspace.error)}</p>
              <Link className="mt-3 inline-block text-sm text-sky-700 underline" href="/workspaces">
                All workspaces
              </Link>
            </div>
          ) : (
            <WorkspaceContext.Provider value={workspace.data}>{children}</WorkspaceContext.Provider>
          )}
        </main>
      </div>
    </div>
  );
}
