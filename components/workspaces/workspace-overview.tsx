"use client";

import Link from "next/link";
import { NAV_GROUPS } from "../shell/navigation";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { Section } from "../ui/section";
import { DeleteWorkspaceButton } from "./delete-workspace-button";
import { WorkspaceSettingsForm } from "./workspace-settings-form";

export function WorkspaceOverview() {
  const workspace = useWorkspace();
  const canUpdate = useCan("workspace:update");
  const canDelete = useCan("workspace:delete");
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{workspace.name}</h1>
        <p className="mt-1 text-slate-600">{workspace.description || "No description."}</p>
        <p className="mt-2 text-sm text-slate-500">
          Your role: <strong data-testid="workspace-role">{workspace.role}</strong>
        </p>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        {NAV_GROUPS.flatMap((g) => g.items).map((item) => (
          <Link
            key={item.slug}
            href={`/w/${workspace.id}/${item.slug}`}
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-sky-300 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500"
          >
            <p className="font-medium">{item.label}</p>
            <p className="mt-1 text-xs text-slate-500">{item.description}</p>
          </Link>
        ))}
      </div>
      {canUpdate ? (
        <Section title="Settings" description="Name and description of this workspace.">
          <WorkspaceSettingsForm />
        </Section>
      ) : null}
      {canDelete ? (
        <Section
          title="Danger zone"
          description="Deleting a workspace removes its members, roles, audit log and every asset in it."
        >
          <DeleteWorkspaceButton />
        </Section>
      ) : null}
    </div>
  );
}
