import { readFileSync } from "node:fs";
import type { ApiClient } from "./api-client";
import { UsageError } from "./config";
import { table } from "./table";

export type TComputeOptions = {
  name?: string;
  "docker-url"?: string;
  "tls-ca"?: string;
  "tls-cert"?: string;
  "tls-key"?: string;
  "ssh-key"?: string;
  "ssh-host-key"?: string;
  label?: string[];
  "max-runs"?: string;
  network?: string;
  "run-steps-as-root"?: boolean;
  "default-cpu"?: string;
  "default-memory"?: string;
  share?: string[];
};

type TSharedHost = {
  name: string;
  status: string;
  networkMode: string;
  used: { runs: number };
  maxConcurrentRuns: number;
  capacity: { cpus: number | null; memoryBytes: number | null };
};
type TSiteHost = {
  id: string;
  name: string;
  status: string;
  endpoint: string;
  engineVersion: string | null;
  lastError: string | null;
  sharedWith: { name: string }[];
};

const UNITS: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

function parseBytes(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt])?i?b?$/i.exec(text.trim());
  if (!match) throw new UsageError(`'${text}' is not a size such as 512m or 2g`);
  return Math.round(Number(match[1]) * (match[2] ? UNITS[match[2].toLowerCase()]! : 1));
}

/** Workspace names or ids → ids, among every workspace (admins need not be members). */
async function siteWorkspaceIds(api: ApiClient, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const all = await api.request<{ id: string; name: string }[]>("GET", "/admin/workspaces");
  return names.map((name) => {
    const found = all.find((w) => w.id === name || w.name === name);
    if (!found) throw new UsageError(`No workspace '${name}'`);
    return found.id;
  });
}

async function siteHostId(api: ApiClient, name: string): Promise<string> {
  const host = (await api.request<TSiteHost[]>("GET", "/admin/hosts")).find((h) => h.name === name || h.id === name);
  if (!host) throw new UsageError(`No host '${name}'`);
  return host.id;
}

/**
 * `compute list` shows the hosts shared with the workspace; registering and sharing hosts is for
 * site administrators (`compute create`, `compute share`, `compute unshare`, `compute hosts`).
 */
export async function computeCommand(
  api: ApiClient,
  verb: string,
  args: string[],
  values: TComputeOptions,
  workspace: () => Promise<string>,
  configuredWorkspace: string | null,
  print: (value: unknown, text: () => string) => void,
): Promise<number> {
  switch (verb) {
    case "list": {
      const hosts = await api.request<TSharedHost[]>("GET", `/workspaces/${await workspace()}/compute/hosts`);
      print(hosts, () =>
        table(
          ["NAME", "STATUS", "RUNS", "CPUS", "MEMORY", "NETWORK"],
          hosts.map((h) => [
            h.name,
            h.status,
            `${h.used.runs}/${h.maxConcurrentRuns}`,
            String(h.capacity.cpus ?? "?"),
            h.capacity.memoryBytes ? `${(h.capacity.memoryBytes / 1024 ** 3).toFixed(1)} GiB` : "?",
            h.networkMode,
          ]),
        ),
      );
      return 0;
    }
    case "hosts": {
      const hosts = await api.request<TSiteHost[]>("GET", "/admin/hosts");
      print(hosts, () =>
        table(
          ["NAME", "STATUS", "ENDPOINT", "SHARED WITH"],
          hosts.map((h) => [h.name, h.status, h.endpoint, h.sharedWith.map((w) => w.name).join(",")]),
        ),
      );
      return 0;
    }
    case "create": {
      if (!values.name || !values["docker-url"]) throw new UsageError("compute create --name NAME --docker-url URL");
      const labels = Object.fromEntries((values.label ?? []).map((l) => l.split("=", 2) as [string, string]));
      // Shared with the workspaces named, else with the configured one when there is one.
      const share = values.share?.length ? values.share : configuredWorkspace ? [configuredWorkspace] : [];
      const host = await api.request<TSiteHost>("POST", "/admin/hosts", {
        name: values.name,
        endpoint: values["docker-url"],
        labels,
        workspaceIds: await siteWorkspaceIds(api, share),
        ...(values["max-runs"] ? { maxConcurrentRuns: Number(values["max-runs"]) } : {}),
        ...(values.network ? { networkMode: values.network } : {}),
        ...(values["run-steps-as-root"] ? { runStepsAsRoot: true } : {}),
        ...(values["default-cpu"] ? { defaultCpu: Number(values["default-cpu"]) } : {}),
        ...(values["default-memory"] ? { defaultMemoryBytes: parseBytes(values["default-memory"]) } : {}),
        ...(values["tls-cert"] && values["tls-key"]
          ? {
              tls: {
                cert: readFileSync(values["tls-cert"], "utf8"),
                key: readFileSync(values["tls-key"], "utf8"),
                ...(values["tls-ca"] ? { ca: readFileSync(values["tls-ca"], "utf8") } : {}),
              },
            }
          : {}),
        ...(values["ssh-key"] ? { sshKey: readFileSync(values["ssh-key"], "utf8") } : {}),
        ...(values["ssh-host-key"] ? { sshHostKey: values["ssh-host-key"] } : {}),
      });
      const shared = host.sharedWith.length ? `; shared with ${host.sharedWith.map((w) => w.name).join(", ")}` : "";
      print(
        host,
        () =>
          `Registered host ${host.name}: ${host.status}${host.engineVersion ? ` (Docker ${host.engineVersion})` : ""}${host.lastError ? `; ${host.lastError}` : ""}${shared}`,
      );
      return 0;
    }
    case "share":
    case "unshare": {
      const [hostName, workspaceName] = args;
      if (!hostName || !workspaceName) throw new UsageError(`compute ${verb} HOST WORKSPACE`);
      const [hostId, [workspaceId]] = await Promise.all([
        siteHostId(api, hostName),
        siteWorkspaceIds(api, [workspaceName]),
      ]);
      const host = await api.request<TSiteHost>(
        verb === "share" ? "PUT" : "DELETE",
        `/admin/hosts/${hostId}/shares/${workspaceId}`,
      );
      print(
        host,
        () => `Host ${host.name} is shared with ${host.sharedWith.map((w) => w.name).join(", ") || "no workspace"}`,
      );
      return 0;
    }
    default:
      throw new UsageError(`Unknown command 'compute ${verb}'`);
  }
}
