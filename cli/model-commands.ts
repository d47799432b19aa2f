import { statSync } from "node:fs";
import path from "node:path";
import type { ApiClient } from "./api-client";
import { UsageError } from "./config";
import { formatBytes } from "./data-upload";
import { listFolderFiles, tarFolderFiles } from "./pack-folder";
import { table } from "./table";
import { versionCommand } from "./version-commands";

export type TModelOptions = {
  name?: string;
  path?: string;
  run?: string;
  "run-path"?: string;
  type?: string;
  description?: string;
  to?: string;
};

type TModelVersion = {
  name: string;
  version: number;
  type: string;
  description: string;
  tags: Record<string, string>;
  aliases: string[];
  isArchived: boolean;
  sourceRunId: string | null;
  sourcePath: string | null;
  flavors: Record<string, unknown> | null;
  totalSize: number;
  fileCount: number;
  digest: string;
  createdAt: string;
};

type TModel = {
  name: string;
  description: string;
  versionCount: number;
  latestVersion: number | null;
  lastVersionAt: string;
  aliases: { alias: string; version: number }[];
  versions?: TModelVersion[];
};

/** `NAME`, `NAME@ALIAS`, `NAME@latest` or `NAME:3` → the model's name and the version part of a REST path. */
function parseRef(ref: string): { name: string; version: string | null } {
  const match = /^([^:@]+)(?:@([\w-]+)|:(\d+))?$/.exec(ref);
  if (!match) throw new UsageError(`'${ref}' is not a model version; write NAME, NAME@ALIAS or NAME:VERSION`);
  return { name: match[1]!, version: match[2] ?? match[3] ?? null };
}

function versionPath(workspaceId: string, ref: string): string {
  const { name, version } = parseRef(ref);
  return `/workspaces/${workspaceId}/models/${encodeURIComponent(name)}/versions/${version ?? "latest"}`;
}

function describeVersion(v: TModelVersion): string {
  return [
    `${v.name}:${v.version}  ${v.type}${v.isArchived ? "  (archived)" : ""}${v.aliases.length ? `  @${v.aliases.join(" @")}` : ""}`,
    `  ${v.fileCount} file(s), ${formatBytes(v.totalSize)}, digest ${v.digest}`,
    v.sourceRunId ? `  from run ${v.sourceRunId}, ${v.sourcePath}` : "",
    v.flavors ? `  flavors ${Object.keys(v.flavors).join(", ")}` : "",
    v.description ? `  ${v.description}` : "",
    Object.keys(v.tags).length
      ? `  tags ${Object.entries(v.tags)
          .map(([k, t]) => `${k}=${t}`)
          .join(" ")}`
      : "",
  ]
    .filter(Boolean)
    .join("\n");
}

export async function modelCommand(
  api: ApiClient,
  verb: string,
  args: string[],
  options: TModelOptions,
  workspaceId: () => Promise<string>,
  print: (value: unknown, text: () => string) => void,
): Promise<number> {
  switch (verb) {
    case "create": {
      const usage =
        "model create --name NAME (--path DIR | --run RUN_ID --run-path outputs/model) [--type TYPE] [--description TEXT]";
      if (!options.name || (!options.path && !options.run) || (options.run && !options["run-path"]))
        throw new UsageError(usage);
      const ws = await workspaceId();
      const base = `/workspaces/${ws}/models/${encodeURIComponent(options.name)}`;
      let created: TModelVersion;
      if (options.run) {
        created = await api.request<TModelVersion>("POST", `${base}/versions`, {
          runId: options.run,
          path: options["run-path"],
          ...(options.type ? { type: options.type } : {}),
          ...(options.description ? { description: options.description } : {}),
        });
      } else {
        const folder = path.resolve(options.path!);
        if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory())
          throw new UsageError(`${options.path} is not a folder`);
        const files = listFolderFiles(folder);
        if (files.length === 0) throw new UsageError(`${options.path} holds no files`);
        const query = new URLSearchParams({
          ...(options.type ? { type: options.type } : {}),
          ...(options.description ? { description: options.description } : {}),
        });
        created = await api.upload<TModelVersion>(`${base}/upload?${query}`, tarFolderFiles(folder, files), {
          method: "POST",
          contentType: "application/x-tar",
        });
      }
      print(
        created,
        () =>
          `Registered model ${created.name}:${created.version} (${created.type}, ${created.fileCount} file(s), ${formatBytes(created.totalSize)})`,
      );
      return 0;
    }
    case "list": {
      const list = await api.request<{ models: TModel[] }>("GET", `/workspaces/${await workspaceId()}/models`);
      print(list.models, () =>
        table(
          ["NAME", "LATEST", "VERSIONS", "ALIASES", "LAST VERSION"],
          list.models.map((m) => [
            m.name,
            m.latestVersion === null ? "-" : String(m.latestVersion),
            String(m.versionCount),
            m.aliases.map((a) => `${a.alias}=${a.version}`).join(" ") || "-",
            m.lastVersionAt,
          ]),
        ),
      );
      return 0;
    }
    case "show": {
      if (!args[0]) throw new UsageError("model show NAME[@ALIAS|:VERSION]");
      const ws = await workspaceId();
      const { name, version } = parseRef(args[0]);
      if (version === null) {
        const model = await api.request<TModel>("GET", `/workspaces/${ws}/models/${encodeURIComponent(name)}`);
        print(model, () =>
          [
            `${model.name}  ${model.versionCount} version(s)`,
            model.description ? `  ${model.description}` : "",
            ...(model.versions ?? []).map(describeVersion),
          ]
            .filter(Boolean)
            .join("\n"),
        );
        return 0;
      }
      const v = await api.request<TModelVersion>("GET", versionPath(ws, args[0]));
      print(v, () => describeVersion(v));
      return 0;
    }
    case "download":
    case "archive":
      return versionCommand(
        api,
        verb,
        { noun: "model", ref: "NAME[@ALIAS|:VERSION]", arg: args[0], to: options.to },
        async (ref) => versionPath(await workspaceId(), ref),
        print,
      );
    case "set-alias": {
      const ref = args[0] ? parseRef(args[0]) : null;
      if (!ref || !ref.version || !/^\d+$/.test(ref.version) || !args[1])
        throw new UsageError("model set-alias NAME:VERSION ALIAS");
      const v = await api.request<TModelVersion>(
        "PUT",
        `/workspaces/${await workspaceId()}/models/${encodeURIComponent(ref.name)}/aliases/${encodeURIComponent(args[1])}`,
        { version: Number(ref.version) },
      );
      print(v, () => `${v.name}@${args[1]} → version ${v.version}`);
      return 0;
    }
    default:
      throw new UsageError(
        "model create | list | show NAME[@ALIAS|:VERSION] | download NAME[@ALIAS|:VERSION] --to DIR | archive NAME:VERSION | set-alias NAME:VERSION ALIAS",
      );
  }
}
