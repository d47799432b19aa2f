import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { ApiClient } from "./api-client";
import { UsageError } from "./config";
import { formatBytes, uploadLocalData, type TDataTarget } from "./data-upload";
import { table } from "./table";
import { versionCommand } from "./version-commands";

export type TDataOptions = {
  file?: string;
  name?: string;
  type?: string;
  path?: string;
  description?: string;
  to?: string;
};

type TVersion = {
  name: string;
  version: number;
  type: string;
  description: string;
  tags: Record<string, string>;
  isArchived: boolean;
  totalSize: number;
  fileCount: number;
  digest: string;
  datastoreName: string;
  referencePath: string | null;
  tableFormat: string | null;
  tableSchema: { name: string; type: string }[] | null;
  createdAt: string;
};

const DATASTORE_URI = /^(?:crucible|azureml):\/\//;

/** `NAME`, `NAME@latest` or `NAME:3` → the REST path of that version. */
function versionPath(workspaceId: string, ref: string): string {
  const match = /^([^:@]+)(?:@latest|:(\d+))?$/.exec(ref);
  if (!match) throw new UsageError(`'${ref}' is not a data version; write NAME, NAME@latest or NAME:VERSION`);
  return `/workspaces/${workspaceId}/data/${encodeURIComponent(match[1]!)}/versions/${match[2] ?? "latest"}`;
}

/** The Azure ML v2 data YAML: name, type, path, description, tags (version is the studio's to number). */
function readDataFile(file: string) {
  const spec = parseYaml(readFileSync(file, "utf8")) as Record<string, unknown> | null;
  if (!spec || typeof spec.name !== "string" || typeof spec.path !== "string")
    throw new UsageError(`${file}: a data YAML needs name and path`);
  if (spec.version !== undefined)
    console.error(`Note: versions are numbered by the studio; ignoring version ${String(spec.version)}`);
  const localPath = DATASTORE_URI.test(spec.path) ? spec.path : path.resolve(path.dirname(file), spec.path);
  return {
    target: {
      name: spec.name,
      type: typeof spec.type === "string" ? spec.type : "uri_folder",
      ...(typeof spec.description === "string" ? { description: spec.description } : {}),
      ...(spec.tags && typeof spec.tags === "object"
        ? { tags: Object.fromEntries(Object.entries(spec.tags).map(([k, v]) => [k, String(v)])) }
        : {}),
    } satisfies TDataTarget,
    path: localPath,
  };
}

export async function dataCommand(
  api: ApiClient,
  verb: string,
  args: string[],
  options: TDataOptions,
  workspaceId: () => Promise<string>,
  print: (value: unknown, text: () => string) => void,
): Promise<number> {
  switch (verb) {
    case "create": {
      const spec = options.file
        ? readDataFile(options.file)
        : options.name && options.path
          ? {
              target: {
                name: options.name,
                type: options.type ?? "uri_folder",
                ...(options.description ? { description: options.description } : {}),
              },
              path: options.path,
            }
          : null;
      if (!spec)
        throw new UsageError("data create -f data.yml | --name NAME --path PATH [--type uri_folder|uri_file|table]");
      const ws = await workspaceId();
      if (DATASTORE_URI.test(spec.path)) {
        const created = await api.request<TVersion>("POST", `/workspaces/${ws}/data/references`, {
          ...spec.target,
          path: spec.path,
        });
        print(created, () => `Created data asset ${created.name}:${created.version} referencing ${spec.path}`);
        return 0;
      }
      const created = await uploadLocalData(api, ws, spec.target, spec.path);
      const u = created.upload;
      print(
        created,
        () =>
          `Created data asset ${created.name}:${created.version}: ${formatBytes(u.newBytes)} new in ${u.newFiles} file(s), ` +
          `${formatBytes(u.alreadyStoredBytes)} in ${u.alreadyStoredFiles} file(s) already stored`,
      );
      return 0;
    }
    case "list": {
      const list = await api.request<{ name: string; versionCount: number; latest: TVersion }[]>(
        "GET",
        `/workspaces/${await workspaceId()}/data`,
      );
      print(list, () =>
        table(
          ["NAME", "LATEST", "TYPE", "FILES", "SIZE"],
          list.map((a) => [
            a.name,
            String(a.latest.version),
            a.latest.type,
            String(a.latest.fileCount),
            formatBytes(a.latest.totalSize),
          ]),
        ),
      );
      return 0;
    }
    case "show": {
      if (!args[0]) throw new UsageError("data show NAME[@latest|:VERSION]");
      const v = await api.request<TVersion>("GET", versionPath(await workspaceId(), args[0]));
      print(v, () =>
        [
          `${v.name}:${v.version}  ${v.type}${v.isArchived ? "  (archived)" : ""}`,
          `  ${v.fileCount} file(s), ${formatBytes(v.totalSize)}, digest ${v.digest}`,
          `  datastore ${v.datastoreName}${v.referencePath ? `, referencing ${v.referencePath}` : ""}`,
          v.description ? `  ${v.description}` : "",
          Object.keys(v.tags).length
            ? `  tags ${Object.entries(v.tags)
                .map(([k, t]) => `${k}=${t}`)
                .join(" ")}`
            : "",
          v.tableSchema
            ? `  ${v.tableFormat} columns: ${v.tableSchema.map((c) => `${c.name} (${c.type})`).join(", ")}`
            : "",
        ]
          .filter(Boolean)
          .join("\n"),
      );
      return 0;
    }
    case "download":
    case "archive":
      return versionCommand(
        api,
        verb,
        { noun: "data", ref: "NAME[:VERSION]", arg: args[0], to: options.to },
        async (ref) => versionPath(await workspaceId(), ref),
        print,
      );
    default:
      throw new UsageError(
        "data create | list | show NAME[@latest|:VERSION] | download NAME[:VERSION] --to DIR | archive NAME:VERSION",
      );
  }
}
