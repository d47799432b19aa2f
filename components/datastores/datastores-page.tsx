"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { DatastoreForm } from "./datastore-form";
import { DatastoreItem } from "./datastore-item";

export function DatastoresPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canManage = useCan("datastore:manage");
  const datastores = useQuery(trpc.datastores.list.queryOptions({ workspaceId }));
  const invalidate = () => void queryClient.invalidateQueries(trpc.datastores.pathFilter());
  // A new form after each creation, so the credentials just typed do not stay in the page.
  const [formKey, setFormKey] = useState(0);

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold">Datastores</h1>
      <Section
        title="Datastores"
        description="Where the workspace's bytes live. New runs, data and model files are written to the default one; what was written stays readable where it is."
      >
        {datastores.error ? <Notice tone="error">{errorMessage(datastores.error)}</Notice> : null}
        <ul>
          {datastores.data?.map((d) => (
            <DatastoreItem key={d.id} datastore={d} onChanged={invalidate} />
          ))}
        </ul>
      </Section>
      {canManage ? (
        <Section
          title="Add a datastore"
          description="Any S3-compatible service (credentials are stored encrypted and never shown again), or a local folder."
        >
          <DatastoreForm
            key={formKey}
            onDone={() => {
              setFormKey((k) => k + 1);
              invalidate();
            }}
          />
        </Section>
      ) : null}
    </div>
  );
}
