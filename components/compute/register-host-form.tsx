"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { SelectField, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { formatBytes } from "../runs/format";
import { parseLabels } from "./parse-labels";

export function RegisterHostForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const [name, setName] = useState("");
  const [endpoint, setEndpoint] = useState("unix:///var/run/docker.sock");
  const [labels, setLabels] = useState("");
  const [maxRuns, setMaxRuns] = useState("4");
  const [networkMode, setNetworkMode] = useState<"host" | "none">("host");
  const [tls, setTls] = useState({ ca: "", cert: "", key: "" });
  const [sshKey, setSshKey] = useState("");
  const [sshHostKey, setSshHostKey] = useState("");
  const credentials = {
    ...(tls.cert && tls.key ? { tls: { ...(tls.ca ? { ca: tls.ca } : {}), cert: tls.cert, key: tls.key } } : {}),
    ...(sshKey ? { sshKey } : {}),
    ...(sshHostKey.trim() ? { sshHostKey: sshHostKey.trim() } : {}),
  };
  const register = useMutation(trpc.compute.registerHost.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries(trpc.compute.pathFilter()) }));
  const test = useMutation(trpc.compute.testEndpoint.mutationOptions());
  const parsed = parseLabels(labels);

  return (
    <form
      className="grid gap-3 md:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.error) return;
        register.mutate({ workspaceId, name, endpoint, labels: parsed.labels, maxConcurrentRuns: Number(maxRuns), networkMode, ...credentials });
      }}
    >
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required placeholder="gpu-box-1" />
      <TextField label="Docker endpoint" value={endpoint} onChange={(e) => setEndpoint(e.target.value)} required hint="unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host" />
      <TextField label="Labels" value={labels} onChange={(e) => setLabels(e.target.value)} placeholder="gpu=a100, zone=lab" hint={parsed.error ?? "key=value, comma-separated; compute targets select hosts by label"} />
      <TextField label="Max concurrent runs" type="number" min={1} max={256} value={maxRuns} onChange={(e) => setMaxRuns(e.target.value)} />
      <SelectField label="Network" value={networkMode} onChange={(e) => setNetworkMode(e.target.value as "host" | "none")}>
        <option value="host">host (the SDK logs straight to the studio)</option>
        <option value="none">none (no network; the SDK logs through a file)</option>
      </SelectField>
      <div className="flex items-end gap-2">
        <Button type="submit" disabled={register.isPending || !name}>{register.isPending ? "Registering…" : "Register host"}</Button>
        <Button variant="secondary" disabled={test.isPending} onClick={() => test.mutate({ workspaceId, endpoint, ...credentials })}>Test connection</Button>
      </div>
      <details className="md:col-span-3 text-sm">
        <summary className="cursor-pointer text-sky-700">Credentials: TLS client certificate (tcp://) or SSH key (ssh://)</summary>
        <p className="mt-1 text-xs text-slate-500">Keys are stored encrypted with the studio's secret key and never shown again.</p>
        <div className="mt-2 grid gap-3 md:grid-cols-2">
          {(["ca", "cert", "key"] as const).map((part) => (
            <textarea key={part} aria-label={`TLS ${part === "ca" ? "CA certificate" : part === "cert" ? "client certificate" : "client key"}`} placeholder={`TLS ${part} (PEM)`}
              className="h-20 rounded border border-slate-300 p-2 font-mono text-xs" value={tls[part]} onChange={(e) => setTls((t) => ({ ...t, [part]: e.target.value }))} />
          ))}
          <textarea aria-label="SSH private key" placeholder="SSH private key (OpenSSH or PEM); without it the studio's ssh agent is used"
            className="h-20 rounded border border-slate-300 p-2 font-mono text-xs" value={sshKey} onChange={(e) => setSshKey(e.target.value)} />
          <TextField label="SSH host key fingerprint" value={sshHostKey} onChange={(e) => setSshHostKey(e.target.value)} placeholder="SHA256:…"
            hint="From ssh-keygen -lf on the host; left empty, the key seen at registration is pinned" />
        </div>
      </details>
      <div className="md:col-span-3 space-y-2">
        {test.data ? (
          <Notice tone={test.data.isOnline ? "success" : "error"}>
            {test.data.isOnline ? `Docker ${test.data.engineVersion}: ${test.data.cpus} CPUs, ${formatBytes(test.data.memoryBytes ?? 0)}, ${test.data.gpus} GPUs` : `No answer: ${test.data.error}`}
            {test.data.sshHostKey ? ` · ssh host key ${test.data.sshHostKey}` : ""}
          </Notice>
        ) : null}
        {test.error ? <Notice tone="error">{errorMessage(test.error)}</Notice> : null}
        {register.error ? <Notice tone="error">{errorMessage(register.error)}</Notice> : null}
        {register.data ? <Notice tone="success">Registered {register.data.name}: {register.data.status}</Notice> : null}
      </div>
    </form>
  );
}
