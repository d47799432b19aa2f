"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { parseLabels } from "../compute/parse-labels";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { NetworkModeField, type TNetworkMode } from "./network-mode-field";

const GIB = 1024 ** 3;

type TEditableHost = {
  id: string;
  name: string;
  labels: Record<string, string>;
  maxConcurrentRuns: number;
  networkMode: string;
  defaultCpu: number;
  defaultMemoryBytes: number;
};

export function EditHostForm({ host, onDone }: { host: TEditableHost; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // `host=<name>` is every host's own label, not an editable one.
  const { host: _own, ...ownLabels } = host.labels;
  const [labels, setLabels] = useState(
    Object.entries(ownLabels)
      .map(([k, v]) => `${k}=${v}`)
      .join(", "),
  );
  const [maxRuns, setMaxRuns] = useState(String(host.maxConcurrentRuns));
  const [defaultCpu, setDefaultCpu] = useState(String(host.defaultCpu));
  const [defaultMemoryGib, setDefaultMemoryGib] = useState(String(host.defaultMemoryBytes / GIB));
  const [networkMode, setNetworkMode] = useState<TNetworkMode>(host.networkMode === "host" ? "host" : "none");
  const update = useMutation(
    trpc.admin.updateHost.mutationOptions({
      onSuccess: () => (void queryClient.invalidateQueries(trpc.admin.pathFilter()), onDone()),
    }),
  );
  const parsed = parseLabels(labels);
  return (
    <form
      aria-label={`Edit host ${host.name}`}
      className="mt-3 grid gap-3 rounded border border-slate-200 bg-slate-50 p-3 md:grid-cols-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.error) return;
        update.mutate({
          hostId: host.id,
          labels: parsed.labels,
          maxConcurrentRuns: Number(maxRuns),
          networkMode,
          defaultCpu: Number(defaultCpu),
          defaultMemoryBytes: Math.round(Number(defaultMemoryGib) * GIB),
        });
      }}
    >
      <TextField
        label="Labels"
        value={labels}
        onChange={(e) => setLabels(e.target.value)}
        hint={parsed.error ?? "key=value, comma-separated"}
      />
      <TextField
        label="Max concurrent runs"
        type="number"
        min={1}
        max={256}
        value={maxRuns}
        onChange={(e) => setMaxRuns(e.target.value)}
      />
      <TextField
        label="Default CPUs per job"
        type="number"
        min={0.1}
        step={0.1}
        value={defaultCpu}
        onChange={(e) => setDefaultCpu(e.target.value)}
      />
      <TextField
        label="Default memory per job (GiB)"
        type="number"
        min={0.0625}
        step={0.25}
        value={defaultMemoryGib}
        onChange={(e) => setDefaultMemoryGib(e.target.value)}
      />
      <div className="md:col-span-4">
        <NetworkModeField value={networkMode} onChange={setNetworkMode} />
      </div>
      <div className="flex gap-2 md:col-span-4">
        <Button type="submit" disabled={update.isPending}>
          Save host
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {update.error ? (
        <div className="md:col-span-4">
          <Notice tone="error">{errorMessage(update.error)}</Notice>
        </div>
      ) : null}
    </form>
  );
}
