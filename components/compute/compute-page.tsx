"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatBytes } from "../runs/format";
import { RunStatusBadge } from "../runs/run-status-badge";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { CapacityBar } from "./capacity-bar";
import { HostStatusBadge } from "./host-status-badge";
import { parseLabels } from "./parse-labels";
import { RegisterHostForm } from "./register-host-form";

export function ComputePage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canManage = useCan("compute:manage");
  const hosts = useQuery({ ...trpc.compute.hosts.queryOptions({ workspaceId }), refetchInterval: 3000 });
  const targets = useQuery(trpc.compute.targets.queryOptions({ workspaceId }));
  const invalidate = () => void queryClient.invalidateQueries(trpc.compute.pathFilter());
  const update = useMutation(trpc.compute.updateHost.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.compute.deleteHost.mutationOptions({ onSuccess: invalidate }));
  const test = useMutation(trpc.compute.testHost.mutationOptions({ onSuccess: invalidate }));

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold">Compute</h1>
      <Section title="Docker hosts" description="Where jobs run. Capacity is what active runs requested of each host.">
        {hosts.isError ? <Notice tone="error">{errorMessage(hosts.error)}</Notice> : null}
        {hosts.data?.length === 0 ? <p className="text-sm text-slate-500">No hosts yet{canManage ? ": register one below." : "."}</p> : null}
        <ul className="divide-y divide-slate-100">
          {hosts.data?.map((h) => (
            <li key={h.id} aria-label={`Host ${h.name}`} className="py-3">
              <div className="flex flex-wrap items-center gap-3">
                <span className="font-medium">{h.name}</span>
                <HostStatusBadge status={h.status} />
                <span className="font-mono text-xs text-slate-500">{h.endpoint}</span>
                {h.engineVersion ? <span className="text-xs text-slate-500">Docker {h.engineVersion}</span> : null}
                <span className="text-xs text-slate-500">network {h.networkMode}</span>
                {h.sshHostKey ? <span className="font-mono text-[11px] text-slate-500" title="Pinned ssh host key">{h.sshHostKey.slice(0, 20)}…</span> : null}
                <span className="flex flex-wrap gap-1">
                  {Object.entries(h.labels).map(([k, v]) => (
                    <span key={k} className="rounded bg-slate-100 px-1.5 text-[11px] text-slate-600">{k}={v}</span>
                  ))}
                </span>
                {canManage ? (
                  <span className="ml-auto flex gap-2">
                    <Button variant="secondary" onClick={() => test.mutate({ workspaceId, hostId: h.id })}>Test</Button>
                    <Button variant="secondary" onClick={() => update.mutate({ workspaceId, hostId: h.id, isDraining: h.status !== "Draining" })}>{h.status === "Draining" ? "Undrain" : "Drain"}</Button>
                    <Button variant="danger" onClick={() => remove.mutate({ workspaceId, hostId: h.id })}>Remove</Button>
                  </span>
                ) : null}
              </div>
              <div className="mt-2 flex flex-wrap gap-6">
                <CapacityBar label="Runs" used={h.used.runs} total={h.maxConcurrentRuns} format={String} />
                <CapacityBar label="CPU" used={h.used.cpus} total={h.capacity.cpus} format={(n) => n.toFixed(n % 1 ? 1 : 0)} />
                <CapacityBar label="Memory" used={h.used.memoryBytes} total={h.capacity.memoryBytes} format={formatBytes} />
                {h.capacity.gpus ? <CapacityBar label="GPU" used={h.used.gpus} total={h.capacity.gpus} format={String} /> : null}
              </div>
              {h.lastError && h.status === "Offline" ? <p className="mt-1 text-xs text-red-700">Last error: {h.lastError}</p> : null}
              {h.runs.length ? (
                <ul className="mt-2 flex flex-wrap gap-2 text-xs">
                  {h.runs.map((r) => (
                    <li key={r.id} className="flex items-center gap-1">
                      <Link className="text-sky-700 hover:underline" href={`/w/${workspaceId}/runs/${r.id}`}>{r.displayName}</Link>
                      <RunStatusBadge status={r.status as never} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
        {test.data ? <Notice tone={test.data.isOnline ? "success" : "error"}>{test.data.isOnline ? `Online: Docker ${test.data.engineVersion}, ${test.data.cpus} CPUs, ${formatBytes(test.data.memoryBytes ?? 0)}, ${test.data.gpus} GPUs` : `No answer: ${test.data.error}`}</Notice> : null}
        {update.error || remove.error ? <Notice tone="error">{errorMessage(update.error ?? remove.error)}</Notice> : null}
      </Section>
      {canManage ? (
        <Section title="Register a host">
          <RegisterHostForm />
        </Section>
      ) : null}
      <Section title="Compute targets" description="A job's compute: names a target (hosts chosen by label) or a single host.">
        {targets.data?.length ? (
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr><th className="py-1">Name</th><th>Selector</th><th>Hosts</th><th>Priority</th><th>Max runs</th></tr>
            </thead>
            <tbody>
              {targets.data.map((t) => (
                <tr key={t.id} className="border-t border-slate-100">
                  <td className="py-1.5 font-medium">{t.name}</td>
                  <td className="font-mono text-xs">{Object.entries(t.selector).map(([k, v]) => `${k}=${v}`).join(", ") || "all hosts"}</td>
                  <td>{t.hostNames.join(", ") || "none match"}</td>
                  <td>{t.priority}</td>
                  <td>{t.maxConcurrentRuns ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-500">No compute targets; jobs can name a host directly.</p>
        )}
        {canManage ? <CreateTargetForm onCreated={invalidate} /> : null}
      </Section>
    </div>
  );
}

function CreateTargetForm({ onCreated }: { onCreated: () => void }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const [name, setName] = useState("");
  const [selector, setSelector] = useState("");
  const [maxRuns, setMaxRuns] = useState("");
  const create = useMutation(trpc.compute.createTarget.mutationOptions({ onSuccess: onCreated }));
  const parsed = parseLabels(selector);
  return (
    <form
      className="mt-4 grid gap-3 md:grid-cols-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!parsed.error) create.mutate({ workspaceId, name, selector: parsed.labels, maxConcurrentRuns: maxRuns ? Number(maxRuns) : null });
      }}
    >
      <TextField label="Target name" value={name} onChange={(e) => setName(e.target.value)} required />
      <TextField label="Host selector" value={selector} onChange={(e) => setSelector(e.target.value)} placeholder="gpu=a100" hint={parsed.error ?? "labels every host must have"} />
      <TextField label="Max concurrent runs" type="number" min={1} value={maxRuns} onChange={(e) => setMaxRuns(e.target.value)} />
      <div className="flex items-end">
        <Button type="submit" disabled={create.isPending || !name}>Create target</Button>
      </div>
      {create.error ? <div className="md:col-span-4"><Notice tone="error">{errorMessage(create.error)}</Notice></div> : null}
    </form>
  );
}
