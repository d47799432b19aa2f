import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import type { ApiClient } from "./api-client";
import { UsageError } from "./config";
import { readOnlineDeploymentFile } from "./online-deployment-file";
import { table } from "./table";

export type TOnlineOptions = {
  file?: string;
  name?: string;
  description?: string;
  "auth-mode"?: string;
  traffic?: string;
  "mirror-traffic"?: string;
  "request-file"?: string;
  "deployment-name"?: string;
  "endpoint-name"?: string;
  "key-type"?: string;
};

type TPrint = (value: unknown, text: () => string) => void;
type TTraffic = Record<string, number>;
type TDeployment = {
  name: string;
  model: string;
  model_version: { name: string; version: number };
  instance_count: number;
  state: string;
  error: string | null;
  instances: { state: string }[];
};
type TEndpoint = {
  name: string;
  description: string;
  auth_mode: "key" | "token";
  scoring_uri: string;
  traffic: TTraffic;
  mirror_traffic: TTraffic;
  deployments: TDeployment[];
};

/** `blue=90 green=10` or `blue=90,green=10`, as `az ml online-endpoint update --traffic` takes it. */
export function parseTraffic(text: string): TTraffic {
  const traffic: TTraffic = {};
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const match = /^([^=]+)=(\d{1,3})$/.exec(part);
    if (!match) throw new UsageError(`'${part}' is not DEPLOYMENT=PERCENT`);
    traffic[match[1]!] = Number(match[2]);
  }
  return traffic;
}

const describeTraffic = (traffic: TTraffic) =>
  Object.entries(traffic)
    .map(([name, percent]) => `${name}=${percent}`)
    .join(" ") || "none";

function describeEndpoint(e: TEndpoint, baseUrl: string): string {
  return [
    `${e.name}  auth ${e.auth_mode}  ${baseUrl}${e.scoring_uri}`,
    `  traffic ${describeTraffic(e.traffic)}; mirror ${describeTraffic(e.mirror_traffic)}`,
    ...e.deployments.map(
      (d) =>
        `  ${d.name}: ${d.model} (${d.model_version.name}:${d.model_version.version}), ` +
        `${d.instances.filter((i) => i.state === "Ready").length}/${d.instance_count} ready, ${d.state}` +
        (d.error ? ` (${d.error})` : ""),
    ),
  ].join("\n");
}

/** `crucible online-endpoint …`, as `az ml online-endpoint`. */
export async function onlineEndpointCommand(
  api: ApiClient,
  verb: string,
  args: string[],
  options: TOnlineOptions,
  workspaceId: () => Promise<string>,
  print: TPrint,
): Promise<number> {
  const ws = await workspaceId();
  const base = `/workspaces/${ws}/online-endpoints`;
  const fileSpec = options.file
    ? (parseYaml(readFileSync(options.file, "utf8")) as Record<string, unknown> | null)
    : null;
  const name = options.name ?? args[0] ?? (typeof fileSpec?.name === "string" ? fileSpec.name : undefined);
  const path = () => {
    if (!name) throw new UsageError(`online-endpoint ${verb} --name NAME`);
    return `${base}/${encodeURIComponent(name)}`;
  };
  switch (verb) {
    case "create": {
      const created = await api.request<TEndpoint>("POST", base, {
        name: name ?? "",
        description: options.description ?? fileSpec?.description,
        auth_mode: options["auth-mode"] ?? fileSpec?.auth_mode,
      });
      print(created, () => `Created online endpoint ${created.name}: ${api.url}${created.scoring_uri}`);
      return 0;
    }
    case "update": {
      const traffic = options.traffic ? parseTraffic(options.traffic) : fileSpec?.traffic;
      const mirror = options["mirror-traffic"] ? parseTraffic(options["mirror-traffic"]) : fileSpec?.mirror_traffic;
      const updated = await api.request<TEndpoint>("PATCH", path(), {
        description: options.description ?? fileSpec?.description,
        auth_mode: options["auth-mode"] ?? fileSpec?.auth_mode,
        traffic,
        mirror_traffic: mirror,
      });
      print(updated, () => describeEndpoint(updated, api.url));
      return 0;
    }
    case "show": {
      const endpoint = await api.request<TEndpoint>("GET", path());
      print(endpoint, () => describeEndpoint(endpoint, api.url));
      return 0;
    }
    case "list": {
      const list = await api.request<TEndpoint[]>("GET", base);
      print(list, () =>
        table(
          ["NAME", "AUTH", "TRAFFIC", "DEPLOYMENTS"],
          list.map((e) => [
            e.name,
            e.auth_mode,
            describeTraffic(e.traffic),
            e.deployments.map((d) => `${d.name} (${d.state})`).join(", "),
          ]),
        ),
      );
      return 0;
    }
    case "delete": {
      await api.request("DELETE", path());
      print({ deleted: name }, () => `Deleted online endpoint ${name}`);
      return 0;
    }
    case "get-credentials": {
      const keys = await api.request<{ primaryKey: string; secondaryKey: string }>(
        "POST",
        `${path()}/get-credentials`,
        {},
      );
      print(keys, () => `primaryKey   ${keys.primaryKey}\nsecondaryKey ${keys.secondaryKey}`);
      return 0;
    }
    case "regenerate-keys": {
      const keyType = options["key-type"] ?? "primary";
      await api.request("POST", `${path()}/regenerate-keys`, { key_type: keyType });
      print({ regenerated: keyType }, () => `Regenerated the ${keyType} key of ${name}`);
      return 0;
    }
    case "invoke":
      return invoke(api, path, options, print);
    default:
      throw new UsageError(
        "online-endpoint create|update|show|list|delete|get-credentials|regenerate-keys|invoke --name NAME",
      );
  }
}

/** One scoring request, with the endpoint's key in key mode (for those who may read it) or the caller's token. */
async function invoke(api: ApiClient, path: () => string, options: TOnlineOptions, print: TPrint): Promise<number> {
  if (!options["request-file"]) throw new UsageError("online-endpoint invoke --name NAME --request-file FILE");
  const body = readFileSync(options["request-file"]);
  const endpoint = await api.request<TEndpoint>("GET", path());
  const credential =
    endpoint.auth_mode === "key"
      ? (await api.request<{ primaryKey: string }>("POST", `${path()}/get-credentials`, {})).primaryKey
      : api.token;
  const response = await fetch(`${api.url}${endpoint.scoring_uri}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${credential}`,
      "content-type": "application/json",
      ...(options["deployment-name"] ? { "x-crucible-deployment": options["deployment-name"] } : {}),
    },
    body,
  });
  const text = await response.text();
  print({ status: response.status, deployment: response.headers.get("x-crucible-deployment"), body: text }, () => text);
  return response.ok ? 0 : 1;
}

/** `crucible online-deployment …`, as `az ml online-deployment`. */
export async function onlineDeploymentCommand(
  api: ApiClient,
  verb: string,
  options: TOnlineOptions,
  workspaceId: () => Promise<string>,
  print: TPrint,
): Promise<number> {
  const ws = await workspaceId();
  const endpointPath = (endpoint: string) => `/workspaces/${ws}/online-endpoints/${encodeURIComponent(endpoint)}`;
  const named = () => {
    if (!options.name || !options["endpoint-name"])
      throw new UsageError(`online-deployment ${verb} --name D --endpoint-name NAME`);
    return `${endpointPath(options["endpoint-name"])}/deployments/${encodeURIComponent(options.name)}`;
  };
  switch (verb) {
    case "create":
    case "update": {
      if (!options.file) throw new UsageError(`online-deployment ${verb} -f deployment.yml [--endpoint-name NAME]`);
      const { endpoint, body } = readOnlineDeploymentFile(options.file, options["endpoint-name"]);
      const deployment =
        verb === "create"
          ? await api.request<TDeployment>("POST", `${endpointPath(endpoint)}/deployments`, body)
          : await api.request<TDeployment>(
              "PATCH",
              `${endpointPath(endpoint)}/deployments/${encodeURIComponent(String(body.name))}`,
              { ...body, name: undefined },
            );
      print(
        deployment,
        () => `${verb === "create" ? "Created" : "Updated"} deployment ${deployment.name}: ${deployment.state}`,
      );
      return 0;
    }
    case "logs": {
      const logs = await api.request<{ instanceId: string; state: string; text: string }[]>("GET", `${named()}/logs`);
      print(logs, () => logs.map((l) => `== instance ${l.instanceId} (${l.state})\n${l.text}`).join("\n"));
      return 0;
    }
    case "delete": {
      await api.request("DELETE", named());
      print({ deleted: options.name }, () => `Deleted deployment ${options.name}`);
      return 0;
    }
    default:
      throw new UsageError(
        "online-deployment create|update -f deployment.yml | logs|delete --name D --endpoint-name NAME",
      );
  }
}
