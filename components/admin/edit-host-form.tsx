"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { HostSettingsFields, hostSettingsInput, hostSettingsOf } from "./host-settings-fields";
import { NetworkModeField, type TNetworkMode } from "./network-mode-field";
import { RunStepsField } from "./run-steps-field";

type TEditableHost = {
  id: string;
  name: string;
  labels: Record<string, string>;
  maxConcurrentRuns: number;
  networkMode: string;
  runStepsAsRoot: boolean;
  defaultCpu: number;
  defaultMemoryBytes: number;
};

export function EditHostForm({ host, onDone }: { host: TEditableHost; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [settings, setSettings] = useState(hostSettingsOf(host));
  const [networkMode, setNetworkMode] = useState<TNetworkMode>(host.networkMode === "host" ? "host" : "none");
  const [runStepsAsRoot, setRunStepsAsRoot] = useState(host.runStepsAsRoot);
  const update = useMutation(
    trpc.admin.updateHost.mutationOptions({
      onSuccess: () => (void queryClient.invalidateQueries(trpc.admin.pathFilter()), onDone()),
    }),
  );
  const input = hostSettingsInput(settings);
  return (
    <form
      aria-label={`Edit host ${host.name}`}
      className="mt-3 grid gap-3 rounded border border-slate-200 bg-slate-50 p-3 md:grid-cols-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (input) update.mutate({ hostId: host.id, ...input, networkMode, runStepsAsRoot });
      }}
    >
      <HostSettingsFields value={settings} onChange={setSettings} isNew={false} />
      <div className="md:col-span-4">
        <NetworkModeField value={networkMode} onChange={setNetworkMode} />
      </div>
      <div className="md:col-span-4">
        <RunStepsField value={runStepsAsRoot} onChange={setRunStepsAsRoot} />
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
