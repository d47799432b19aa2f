"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatBytes } from "../runs/format";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { HostSettingsFields, hostSettingsInput, hostSettingsOf } from "./host-settings-fields";
import { NetworkModeField, type TNetworkMode } from "./network-mode-field";
import { RunStepsField } from "./run-steps-field";
import { SharePicker } from "./share-picker";

export function RegisterHostForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [endpoint, setEndpoint] = useState("");
  const [settings, setSettings] = useState(hostSettingsOf());
  const [networkMode, setNetworkMode] = useState<TNetworkMode>("none");
  const [runStepsAsRoot, setRunStepsAsRoot] = useState(false);
  const [workspaceIds, setWorkspaceIds] = useState<string[]>([]);
  const [tls, setTls] = useState({ ca: "", cert: "", key: "" });
  const [sshKey, setSshKey] = useState("");
  const [sshHostKey, setSshHostKey] = useState("");
  const credentials = {
    ...(tls.cert && tls.key ? { tls: { ...(tls.ca ? { ca: tls.ca } : {}), cert: tls.cert, key: tls.key } } : {}),
    ...(sshKey ? { sshKey } : {}),
    ...(sshHostKey.trim() ? { sshHostKey: sshHostKey.trim() } : {}),
  };
  const register = useMutation(
    trpc.admin.registerHost.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.admin.pathFilter()),
    }),
  );
  const test = useMutation(trpc.admin.testEndpoint.mutationOptions());
  const input = hostSettingsInput(settings);

  return (
    <form
      className="grid gap-3 md:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (input)
          register.mutate({ name, endpoint, ...input, networkMode, runStepsAsRoot, workspaceIds, ...credentials });
      }}
    >
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required placeholder="gpu-box-1" />
      <TextField
        label="Docker endpoint"
        value={endpoint}
        onChange={(e) => setEndpoint(e.target.value)}
        required
        placeholder="tcp://10.0.0.5:2376"
        hint="tcp://host:2376 with TLS, ssh://user@host with a key, or unix:///var/run/docker.sock (root on this machine)"
      />
      <HostSettingsFields value={settings} onChange={setSettings} isNew />
      <div className="md:col-span-3">
        <NetworkModeField value={networkMode} onChange={setNetworkMode} />
      </div>
      <div className="md:col-span-3">
        <RunStepsField value={runStepsAsRoot} onChange={setRunStepsAsRoot} />
      </div>
      <div className="md:col-span-3">
        <SharePicker
          label="Share with workspaces"
          selected={workspaceIds}
          onToggle={(id, isShared) => setWorkspaceIds((ids) => (isShared ? [...ids, id] : ids.filter((i) => i !== id)))}
        />
      </div>
      <details className="md:col-span-3 text-sm" open={endpoint.startsWith("tcp://") || endpoint.startsWith("ssh://")}>
        <summary className="cursor-pointer text-sky-700">
          Credentials: TLS client certificate (tcp://) or SSH key (ssh://)
        </summary>
        <p className="mt-1 text-xs text-slate-500">
          Keys are stored encrypted with the studio&apos;s secret key and never shown again.
        </p>
        <div className="mt-2 grid gap-3 md:grid-cols-2">
          {(["ca", "cert", "key"] as const).map((part) => (
            <textarea
              key={part}
              aria-label={`TLS ${part === "ca" ? "CA certificate" : part === "cert" ? "client certificate" : "client key"}`}
              placeholder={`TLS ${part} (PEM)`}
              className="h-20 rounded border border-slate-300 p-2 font-mono text-xs"
              value={tls[part]}
              onChange={(e) => setTls((t) => ({ ...t, [part]: e.target.value }))}
            />
          ))}
          <textarea
            aria-label="SSH private key"
            placeholder="SSH private key (OpenSSH or PEM); required for ssh://"
            className="h-20 rounded border border-slate-300 p-2 font-mono text-xs"
            value={sshKey}
            onChange={(e) => setSshKey(e.target.value)}
          />
          <TextField
            label="SSH host key fingerprint"
            value={sshHostKey}
            onChange={(e) => setSshHostKey(e.target.value)}
            placeholder="SHA256:…"
            hint="From ssh-keygen -lf on the host; left empty, the key seen at registration is pinned"
          />
        </div>
      </details>
      <div className="flex items-end gap-2 md:col-span-3">
        <Button type="submit" disabled={register.isPending || !name || !endpoint}>
          {register.isPending ? "Registering…" : "Register host"}
        </Button>
        <Button
          variant="secondary"
          disabled={test.isPending || !endpoint}
          onClick={() => test.mutate({ endpoint, ...credentials })}
        >
          Test connection
        </Button>
      </div>
      <div className="md:col-span-3 space-y-2">
        {test.data ? (
          <Notice tone={test.data.isOnline ? "success" : "error"}>
            {test.data.isOnline
              ? `Docker ${test.data.engineVersion}: ${test.data.cpus} CPUs, ${formatBytes(test.data.memoryBytes ?? 0)}, ${test.data.gpus} GPUs`
              : `No answer: ${test.data.error}`}
            {test.data.sshHostKey ? ` · ssh host key ${test.data.sshHostKey}` : ""}
          </Notice>
        ) : null}
        {test.error ? <Notice tone="error">{errorMessage(test.error)}</Notice> : null}
        {register.error ? <Notice tone="error">{errorMessage(register.error)}</Notice> : null}
        {register.data ? (
          <Notice tone="success">
            Registered {register.data.name}: {register.data.status}
          </Notice>
        ) : null}
      </div>
    </form>
  );
}
