"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import { HostCapacity } from "../compute/host-capacity";
import { HostStatusBadge } from "../compute/host-status-badge";
import { formatBytes } from "../runs/format";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { EditHostForm } from "./edit-host-form";
import { SharePicker } from "./share-picker";

type TSiteHost = inferRouterOutputs<AppRouter>["admin"]["hosts"][number];

export function SiteHostItem({ host }: { host: TSiteHost }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [isEditing, setIsEditing] = useState(false);
  const invalidate = () => void queryClient.invalidateQueries(trpc.admin.pathFilter());
  const update = useMutation(trpc.admin.updateHost.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.admin.deleteHost.mutationOptions({ onSuccess: invalidate }));
  const test = useMutation(trpc.admin.testHost.mutationOptions({ onSuccess: invalidate }));
  const share = useMutation(trpc.admin.shareHost.mutationOptions({ onSuccess: invalidate }));
  const unshare = useMutation(trpc.admin.unshareHost.mutationOptions({ onSuccess: invalidate }));
  const error = update.error ?? remove.error ?? test.error ?? share.error ?? unshare.error;

  return (
    <li aria-label={`Host ${host.name}`} className="py-3">
      <div className="flex flex-wrap items-center gap-3">
        <span className="font-medium">{host.name}</span>
        <HostStatusBadge status={host.status} />
        <span className="font-mono text-xs text-slate-500">{host.endpoint}</span>
        {host.engineVersion ? <span className="text-xs text-slate-500">Docker {host.engineVersion}</span> : null}
        <span className={`text-xs ${host.networkMode === "host" ? "font-semibold text-amber-700" : "text-slate-500"}`}>
          network {host.networkMode}
        </span>
        {host.runStepsAsRoot ? (
          <span className="text-xs font-semibold text-amber-700" title="Environments' RUN lines run as root here">
            RUN as root
          </span>
        ) : null}
        <span className="text-xs text-slate-500">
          default per job: {host.defaultCpu} CPU, {formatBytes(host.defaultMemoryBytes)}
        </span>
        {host.hasTls ? <span className="text-[11px] text-slate-500">TLS</span> : null}
        {host.sshHostKey ? (
          <span className="font-mono text-[11px] text-slate-500" title="Pinned ssh host key">
            {host.sshHostKey.slice(0, 20)}…
          </span>
        ) : null}
        <span className="ml-auto flex gap-2">
          <Button variant="secondary" onClick={() => test.mutate({ hostId: host.id })}>
            Test
          </Button>
          <Button variant="secondary" onClick={() => setIsEditing((v) => !v)}>
            Edit
          </Button>
          <Button
            variant="secondary"
            onClick={() => update.mutate({ hostId: host.id, isDraining: host.status !== "Draining" })}
          >
            {host.status === "Draining" ? "Undrain" : "Drain"}
          </Button>
          <Button variant="danger" onClick={() => remove.mutate({ hostId: host.id })}>
            Delete
          </Button>
        </span>
      </div>
      <HostCapacity host={host} />
      {host.lastError && host.status === "Offline" ? (
        <p className="mt-1 text-xs text-red-700">Last error: {host.lastError}</p>
      ) : null}
      <div className="mt-2">
        <SharePicker
          label="Shared with"
          selected={host.sharedWith.map((w) => w.id)}
          onToggle={(workspaceId, isShared) => (isShared ? share : unshare).mutate({ hostId: host.id, workspaceId })}
        />
      </div>
      {isEditing ? <EditHostForm host={host} onDone={() => setIsEditing(false)} /> : null}
      {test.data ? (
        <div className="mt-2">
          <Notice tone={test.data.isOnline ? "success" : "error"}>
            {test.data.isOnline
              ? `Online: Docker ${test.data.engineVersion}, ${test.data.cpus} CPUs, ${formatBytes(test.data.memoryBytes ?? 0)}, ${test.data.gpus} GPUs`
              : `No answer: ${test.data.error}`}
          </Notice>
        </div>
      ) : null}
      {error ? (
        <div className="mt-2">
          <Notice tone="error">{errorMessage(error)}</Notice>
        </div>
      ) : null}
    </li>
  );
}
