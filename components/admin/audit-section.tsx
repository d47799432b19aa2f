"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { SelectField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { AuditTable } from "./audit-table";

const SITE = "";

/** Site events, and the logs deleted workspaces left behind (a live workspace's log is on its Members page). */
export function AuditSection() {
  const trpc = useTRPC();
  const [workspaceId, setWorkspaceId] = useState(SITE);
  const deleted = useQuery(trpc.admin.deletedWorkspaces.queryOptions());
  const events = useQuery(
    trpc.admin.audit.queryOptions({ ...(workspaceId === SITE ? {} : { workspaceId }), limit: 100 }),
  );
  return (
    <Section
      title="Audit log"
      description="Site events (hosts, administrators, settings) and the audit logs of deleted workspaces, which outlive them."
    >
      <div className="mb-3 max-w-md">
        <SelectField label="Audit log to show" value={workspaceId} onChange={(e) => setWorkspaceId(e.target.value)}>
          <option value={SITE}>Site events</option>
          {deleted.data?.map((w) => (
            <option key={w.workspaceId} value={w.workspaceId}>
              Deleted workspace {w.name}: by {w.deletedBy}, {new Date(w.deletedAt).toLocaleDateString()} ({w.events}{" "}
              events)
            </option>
          ))}
        </SelectField>
      </div>
      {events.isError ? <Notice tone="error">{errorMessage(events.error)}</Notice> : null}
      {events.data ? (
        <AuditTable
          label={workspaceId === SITE ? "Site events" : "Deleted workspace audit log"}
          items={events.data.items}
        />
      ) : null}
    </Section>
  );
}
