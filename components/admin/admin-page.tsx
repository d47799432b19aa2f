"use client";

import { useQuery } from "@tanstack/react-query";
import { TopBar } from "../shell/top-bar";
import { useTRPC } from "../trpc/trpc-provider";
import { Section } from "../ui/section";
import { AuditSection } from "./audit-section";
import { RegisterHostForm } from "./register-host-form";
import { SettingsSection } from "./settings-section";
import { SiteHostItem } from "./site-host-item";
import { UsersSection } from "./users-section";

export function AdminPage({ signOutAction }: { signOutAction: () => Promise<void> }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.whoami.queryOptions());
  const isAdmin = me.data?.user.isAdmin === true;
  const hosts = useQuery({ ...trpc.admin.hosts.queryOptions(), enabled: isAdmin, refetchInterval: 5000 });
  return (
    <div className="min-h-screen">
      <TopBar signOutAction={signOutAction} />
      <main className="mx-auto max-w-6xl space-y-6 p-6">
        <h1 className="text-2xl font-semibold">Site administration</h1>
        {me.data && !isAdmin ? (
          <p role="alert" className="text-sm text-slate-600">
            Only site administrators can see this page.
          </p>
        ) : isAdmin ? (
          <>
            <Section
              title="Docker hosts"
              description="Hosts belong to the site: workspaces use those shared with them, through their compute targets."
            >
              {hosts.data?.length === 0 ? (
                <p className="text-sm text-slate-500">No hosts yet: register one below.</p>
              ) : null}
              <ul className="divide-y divide-slate-100">
                {hosts.data?.map((h) => (
                  <SiteHostItem key={h.id} host={h} />
                ))}
              </ul>
            </Section>
            <Section title="Register a host">
              <RegisterHostForm />
            </Section>
            <UsersSection />
            <SettingsSection />
            <AuditSection />
          </>
        ) : (
          <p className="text-sm text-slate-500">Loading…</p>
        )}
      </main>
    </div>
  );
}
