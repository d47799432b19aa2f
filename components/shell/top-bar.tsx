"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTRPC } from "../trpc/trpc-provider";

export function TopBar({
  workspaceId,
  section,
  signOutAction,
}: {
  workspaceId?: string;
  section?: string;
  signOutAction: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const me = useQuery(trpc.me.whoami.queryOptions());
  const workspaces = me.data?.workspaces ?? [];

  return (
    <header className="flex h-12 items-center gap-4 bg-slate-900 px-4 text-white">
      <Link href="/" className="text-sm font-semibold tracking-wide">
        CRUCIBLE
      </Link>
      <label className="flex items-center gap-2 text-sm text-slate-300">
        <span>Workspace</span>
        <select
          aria-label="Switch workspace"
          className="rounded bg-slate-800 px-2 py-1 text-sm text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
          value={workspaceId ?? ""}
          onChange={(e) => {
            if (e.target.value === "__all") router.push("/workspaces");
            else if (e.target.value) router.push(`/w/${e.target.value}${section ? `/${section}` : ""}`);
          }}
        >
          {workspaceId ? null : <option value="">Choose…</option>}
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name} ({w.role})
            </option>
          ))}
          <option value="__all">All workspaces…</option>
        </select>
      </label>
      <div className="ml-auto flex items-center gap-3 text-sm">
        {me.data?.user.isAdmin ? (
          <Link
            href="/admin"
            className="rounded px-2 py-1 text-slate-200 hover:bg-slate-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
          >
            Admin
          </Link>
        ) : null}
        <span className="text-slate-300" data-testid="current-user">
          {me.data?.user.email}
        </span>
        <form action={signOutAction}>
          <button
            type="submit"
            className="rounded px-2 py-1 text-slate-200 hover:bg-slate-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
          >
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
