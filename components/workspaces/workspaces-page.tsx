"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { TopBar } from "../shell/top-bar";
import { useTRPC } from "../trpc/trpc-provider";
import { Section } from "../ui/section";
import { CreateWorkspaceForm } from "./create-workspace-form";

export function WorkspacesPage({ signOutAction }: { signOutAction: () => Promise<void> }) {
  const trpc = useTRPC();
  const workspaces = useQuery(trpc.workspaces.list.queryOptions());
  return (
    <div className="min-h-screen">
      <TopBar signOutAction={signOutAction} />
      <main className="mx-auto max-w-3xl space-y-6 p-6">
        <h1 className="text-2xl font-semibold">Workspaces</h1>
        <Section
          title="Your workspaces"
          description="A workspace holds experiments, data, models and compute, shared by its members."
        >
          {workspaces.isPending ? (
            <p className="text-sm text-slate-500">Loading…</p>
          ) : workspaces.data?.length ? (
            <ul className="divide-y divide-slate-100">
              {workspaces.data.map((w) => (
                <li key={w.id} className="flex items-center justify-between py-2">
                  <Link href={`/w/${w.id}`} className="font-medium text-sky-700 hover:underline">
                    {w.name}
                  </Link>
                  <span className="text-sm text-slate-500">{w.role}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">
              You are not a member of any workspace yet. Create one below, or ask an Owner to invite you.
            </p>
          )}
        </Section>
        <CreateWorkspaceForm />
      </main>
    </div>
  );
}
