"use client";

import { useCan } from "../shell/workspace-context";
import { Section } from "../ui/section";
import { AuditLog } from "./audit-log";
import { CustomRoles } from "./custom-roles";
import { InvitationList } from "./invitation-list";
import { InviteMemberForm } from "./invite-member-form";
import { MemberTable } from "./member-table";

export function MembersPage() {
  const canManage = useCan("member:manage");
  const canReadAudit = useCan("audit:read");
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <h1 className="text-2xl font-semibold">Members</h1>
      <Section title="Members" description="Everyone with access to this workspace and their role.">
        <MemberTable />
      </Section>
      {canManage ? (
        <Section title="Invite" description="People with an account join at once; others get a link to create one.">
          <InviteMemberForm />
          <div className="mt-4">
            <InvitationList />
          </div>
        </Section>
      ) : null}
      <Section title="Roles" description="Built-in roles and custom roles defined for this workspace.">
        <CustomRoles />
      </Section>
      {canReadAudit ? (
        <Section title="Audit log" description="Every change to membership and roles.">
          <AuditLog />
        </Section>
      ) : null}
    </div>
  );
}
