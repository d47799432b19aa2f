"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { ColumnProfileCard } from "./column-profile-card";
import { ProgressBar } from "./progress-bar";

const POLL_MS = 1000;

/** A table version's profile: requested here, computed by a worker with its progress shown, then drawn per column. */
export function DataProfilePanel({ name, version }: { name: string; version: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canRequest = useCan("data:write");
  const address = { workspaceId, name, version: String(version) };
  const profile = useQuery({
    ...trpc.data.profile.queryOptions(address),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === "queued" || status === "running" ? POLL_MS : false;
    },
  });
  const request = useMutation(
    trpc.data.requestProfile.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.data.profile.queryKey(address), data),
    }),
  );
  const p = profile.data;
  const canStart = canRequest && (p === null || p?.status === "failed");
  return (
    <Section
      title="Profile"
      description="Per column: type, count, missing, distinct, min/max/mean/std, quantiles, and a histogram or the top values."
      actions={
        canStart ? (
          <Button onClick={() => request.mutate(address)} disabled={request.isPending}>
            {p?.status === "failed" ? "Profile again" : "Profile"}
          </Button>
        ) : null
      }
    >
      {profile.isError ? <Notice tone="error">{errorMessage(profile.error)}</Notice> : null}
      {request.error ? <Notice tone="error">{errorMessage(request.error)}</Notice> : null}
      {p === null ? (
        <p className="text-sm text-slate-500">
          Not profiled yet.{canRequest ? " A worker reads the whole table once; its progress shows here." : ""}
        </p>
      ) : null}
      {p && (p.status === "queued" || p.status === "running") ? (
        <div className="space-y-1" data-testid="profile-progress">
          <p className="text-sm">
            {p.status === "queued" ? "Waiting for a worker…" : `Profiling… ${Math.floor(p.progress * 100)}%`}
          </p>
          <ProgressBar label="Profile progress" value={p.progress} max={1} />
        </div>
      ) : null}
      {p?.status === "failed" ? <Notice tone="error">The profile failed: {p.error}</Notice> : null}
      {p?.status === "done" && p.result ? (
        <div>
          <p className="mb-3 text-xs text-slate-500">
            {p.result.rowCount.toLocaleString()} rows. Distinct: {p.result.methods.distinct}. Quantiles:{" "}
            {p.result.methods.quantiles}.
          </p>
          <div className="grid grid-cols-[repeat(auto-fill,minmax(18rem,1fr))] gap-3">
            {p.result.columns.map((c) => (
              <ColumnProfileCard key={c.name} column={c} rowCount={p.result!.rowCount} />
            ))}
          </div>
        </div>
      ) : null}
    </Section>
  );
}
