import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { ApiClient, ApiError } from "./api-client";
import { batchDeploymentCommand, batchEndpointCommand } from "./batch-endpoint-commands";
import { labelingCommand } from "./labeling-commands";
import { onlineDeploymentCommand, onlineEndpointCommand } from "./online-endpoint-commands";
import { computeCommand } from "./compute-commands";
import { dataCommand } from "./data-commands";
import { modelCommand } from "./model-commands";
import { readEnvironmentFile } from "./environment-file";
import { loadConfig, saveHomeConfig, UsageError } from "./config";
import { followLogs, type TLogLine } from "./follow-logs";
import { packCodeFolder } from "./snapshot";
import { table } from "./table";

const HELP = `crucible: submit and follow jobs, manage data, models, compute and environments

  crucible login --url URL --token TOKEN [--workspace NAME]
  crucible workspace list | create NAME
  crucible compute list                          the hosts shared with the workspace
  site administrators:
  crucible compute hosts | share HOST WORKSPACE | unshare HOST WORKSPACE
  crucible compute create --name NAME --docker-url URL [--share WORKSPACE]... [--label k=v]... [--max-runs N]
                         [--network none|host] [--run-steps-as-root] [--default-cpu N] [--default-memory 2g]
                         [--tls-cert FILE --tls-key FILE [--tls-ca FILE]] [--ssh-key FILE [--ssh-host-key SHA256:…]]
                         (shared with the configured workspace when no --share is given)
  crucible environment list
  crucible environment create -f env.yml
  crucible data create -f data.yml | --name NAME --path FILE_OR_DIR [--type uri_folder|uri_file|table] [--description TEXT]
                      (run it again to resume an interrupted upload; a crucible:// or azureml:// path is referenced, not copied)
  crucible data list | show NAME[@latest|:VERSION] | download NAME[:VERSION] --to DIR | archive NAME:VERSION
  crucible model create --name NAME (--path DIR | --run RUN_ID --run-path outputs/model) [--type custom_model|mlflow_model|triton_model]
  crucible model list | show NAME[@ALIAS|:VERSION] | download NAME[@ALIAS|:VERSION] --to DIR
  crucible model archive NAME:VERSION | set-alias NAME:VERSION ALIAS
  crucible batch-endpoint create --name NAME | show|delete|list-jobs --name NAME | list
  crucible batch-endpoint invoke --name NAME --input crucible:DATA:VERSION [--deployment-name D] [--output-name DATA]
  crucible batch-deployment create|update -f deployment.yml [--set-default] | delete --name D --endpoint-name NAME
  crucible online-endpoint create --name NAME [--auth-mode key|token] | -f endpoint.yml
  crucible online-endpoint update --name NAME [--traffic "blue=90 green=10"] [--mirror-traffic "green=10"]
  crucible online-endpoint show|delete|get-credentials --name NAME | list | regenerate-keys --name NAME --key-type primary|secondary
  crucible online-endpoint invoke --name NAME --request-file request.json [--deployment-name D]
  crucible online-deployment create|update -f deployment.yml [--endpoint-name NAME] | logs|delete --name D --endpoint-name NAME
  crucible labeling list | show --project NAME | exports --project NAME
  crucible labeling export --project NAME --format coco|csv|jsonl [--output-name DATA] [--no-wait]
  crucible job create -f job.yml [--stream]
  crucible job show RUN_ID | list [--experiment NAME] | cancel RUN_ID | logs RUN_ID [--follow]

Configured by CRUCIBLE_URL, CRUCIBLE_TOKEN and CRUCIBLE_WORKSPACE, or by \`crucible login\`.
--workspace NAME overrides the workspace for one command.`;

const TERMINAL_OK = "Completed";

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      file: { type: "string", short: "f" },
      stream: { type: "boolean", default: false },
      follow: { type: "boolean", default: false },
      workspace: { type: "string", short: "w" },
      url: { type: "string" },
      token: { type: "string" },
      name: { type: "string" },
      "docker-url": { type: "string" },
      "tls-ca": { type: "string" },
      "tls-cert": { type: "string" },
      "tls-key": { type: "string" },
      "ssh-key": { type: "string" },
      "ssh-host-key": { type: "string" },
      label: { type: "string", multiple: true },
      "max-runs": { type: "string" },
      network: { type: "string" },
      "run-steps-as-root": { type: "boolean" },
      "default-cpu": { type: "string" },
      "default-memory": { type: "string" },
      share: { type: "string", multiple: true },
      experiment: { type: "string" },
      type: { type: "string" },
      path: { type: "string" },
      run: { type: "string" },
      "run-path": { type: "string" },
      description: { type: "string" },
      to: { type: "string" },
      input: { type: "string" },
      "deployment-name": { type: "string" },
      "endpoint-name": { type: "string" },
      "output-name": { type: "string" },
      "auth-mode": { type: "string" },
      traffic: { type: "string" },
      "mirror-traffic": { type: "string" },
      "request-file": { type: "string" },
      "key-type": { type: "string" },
      "set-default": { type: "boolean", default: false },
      project: { type: "string" },
      format: { type: "string" },
      "no-wait": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [group, verb, arg] = positionals;
  if (values.help || !group) {
    console.log(HELP);
    return 0;
  }
  if (group === "login") {
    if (!values.url || !values.token) throw new UsageError("login needs --url and --token");
    const api = new ApiClient({ url: values.url.replace(/\/$/, ""), token: values.token, workspace: null });
    await api.request("GET", "/workspaces");
    const file = saveHomeConfig({
      url: values.url,
      token: values.token,
      ...(values.workspace ? { workspace: values.workspace } : {}),
    });
    console.log(`Signed in to ${values.url}; configuration saved in ${file}`);
    return 0;
  }
  const config = loadConfig();
  const api = new ApiClient(config);
  const print = (value: unknown, text: () => string) =>
    console.log(values.json ? JSON.stringify(value, null, 2) : text());
  const workspaceId = () => api.workspaceId(values.workspace ?? config.workspace);

  if (group === "compute")
    return computeCommand(
      api,
      verb ?? "",
      positionals.slice(2),
      values,
      workspaceId,
      values.workspace ?? config.workspace,
      print,
    );
  if (group === "data") return dataCommand(api, verb ?? "", positionals.slice(2), values, workspaceId, print);
  if (group === "model") return modelCommand(api, verb ?? "", positionals.slice(2), values, workspaceId, print);
  if (group === "labeling")
    return labelingCommand(api, verb ?? "", { ...values, wait: !values["no-wait"] }, workspaceId, print);
  if (group === "batch-endpoint")
    return batchEndpointCommand(api, verb ?? "", positionals.slice(2), values, workspaceId, print);
  if (group === "batch-deployment") return batchDeploymentCommand(api, verb ?? "", values, workspaceId, print);
  if (group === "online-endpoint")
    return onlineEndpointCommand(api, verb ?? "", positionals.slice(2), values, workspaceId, print);
  if (group === "online-deployment") return onlineDeploymentCommand(api, verb ?? "", values, workspaceId, print);
  switch (`${group} ${verb ?? ""}`.trim()) {
    case "workspace list": {
      const list = await api.request<{ id: string; name: string; role: string }[]>("GET", "/workspaces");
      print(list, () =>
        table(
          ["NAME", "ID", "ROLE"],
          list.map((w) => [w.name, w.id, w.role]),
        ),
      );
      return 0;
    }
    case "workspace create": {
      if (!arg) throw new UsageError("workspace create NAME");
      const created = await api.request<{ id: string; name: string }>("POST", "/workspaces", { name: arg });
      print(created, () => `Created workspace ${created.name} (${created.id})`);
      return 0;
    }
    case "environment list": {
      const ws = await workspaceId();
      const list = await api.request<
        { name: string; isCurated: boolean; versions: { version: number; hash: string }[] }[]
      >("GET", `/workspaces/${ws}/environments`);
      print(list, () =>
        table(
          ["NAME", "LATEST", "HASH", "CURATED"],
          list.map((e) => [
            e.name,
            String(e.versions[0]?.version ?? "-"),
            e.versions[0]?.hash.slice(0, 12) ?? "",
            e.isCurated ? "yes" : "",
          ]),
        ),
      );
      return 0;
    }
    case "environment create": {
      if (!values.file) throw new UsageError("environment create -f env.yml");
      const ws = await workspaceId();
      const created = await api.request<{ name: string; version: number; hash: string; isNew: boolean }>(
        "POST",
        `/workspaces/${ws}/environments`,
        { yaml: readEnvironmentFile(values.file) },
      );
      print(
        created,
        () =>
          `${created.isNew ? "Created" : "Unchanged:"} environment ${created.name}:${created.version} (hash ${created.hash.slice(0, 12)})`,
      );
      return 0;
    }
    case "job create":
      return createJob(api, await workspaceId(), values.file, values.stream, values.json);
    case "job show": {
      if (!arg) throw new UsageError("job show RUN_ID");
      const ws = await workspaceId();
      const [run, job] = await Promise.all([
        api.request<{ displayName: string; status: string; experimentId: string }>(
          "GET",
          `/workspaces/${ws}/runs/${arg}`,
        ),
        api.request<Record<string, unknown> | null>("GET", `/workspaces/${ws}/jobs/${arg}`),
      ]);
      print({ run, job }, () =>
        [
          `${run.displayName} (${arg}): ${run.status}`,
          job
            ? `  compute ${job.compute} on ${job.host ?? "-"}, image ${job.image}, exit ${job.exitCode ?? "-"}`
            : "  (not a job)",
          job?.failureReason ? `  reason: ${job.failureReason}` : "",
        ]
          .filter(Boolean)
          .join("\n"),
      );
      return 0;
    }
    case "job list": {
      const ws = await workspaceId();
      let experimentIds: string[] | undefined;
      if (values.experiment) {
        const experiments = await api.request<{ id: string; name: string }[]>(
          "GET",
          `/workspaces/${ws}/experiments?search=${encodeURIComponent(values.experiment)}`,
        );
        const found = experiments.find((e) => e.name === values.experiment);
        if (!found) throw new UsageError(`No experiment named '${values.experiment}'`);
        experimentIds = [found.id];
      }
      const { runs } = await api.request<{
        runs: { id: string; displayName: string; status: string; createdAt: string }[];
      }>("POST", `/workspaces/${ws}/runs/search`, { experimentIds, maxResults: 50 });
      print(runs, () =>
        table(
          ["RUN", "NAME", "STATUS", "CREATED"],
          runs.map((r) => [r.id, r.displayName, r.status, r.createdAt]),
        ),
      );
      return 0;
    }
    case "job cancel": {
      if (!arg) throw new UsageError("job cancel RUN_ID");
      const result = await api.request<{ status: string }>(
        "POST",
        `/workspaces/${await workspaceId()}/jobs/${arg}/cancel`,
        {},
      );
      print(result, () =>
        result.status === "Canceled" ? `Canceled ${arg}` : `Canceling ${arg}: its container is being stopped`,
      );
      return 0;
    }
    case "job logs": {
      if (!arg) throw new UsageError("job logs RUN_ID [--follow]");
      if (values.follow) {
        const status = await followLogs(api, arg, printLine);
        console.error(`Run ${status}`);
        return status === TERMINAL_OK ? 0 : 1;
      }
      const ws = await workspaceId();
      for (let after = 0; ;) {
        const page = await api.request<{ lines: TLogLine[]; lastSeq: number; hasMore: boolean }>(
          "GET",
          `/workspaces/${ws}/jobs/${arg}/logs?afterSeq=${after}`,
        );
        page.lines.forEach(printLine);
        after = page.lastSeq;
        if (!page.hasMore) return 0;
      }
    }
    default:
      throw new UsageError(`Unknown command '${positionals.join(" ")}'\n\n${HELP}`);
  }
}

async function createJob(
  api: ApiClient,
  workspaceId: string,
  file: string | undefined,
  isStreaming: boolean,
  isJson: boolean,
): Promise<number> {
  if (!file) throw new UsageError("job create -f job.yml [--stream]");
  const yaml = readFileSync(file, "utf8");
  const code = (parseYaml(yaml) as { code?: unknown } | null)?.code;
  const submitted = await api.request<{ runId: string; experimentId: string; displayName: string }>(
    "POST",
    `/workspaces/${workspaceId}/jobs`,
    { yaml, hasCode: typeof code === "string" },
  );
  if (typeof code === "string") {
    const folder = path.resolve(path.dirname(file), code);
    const { archive, files, bytes } = packCodeFolder(folder);
    await api.upload(`/workspaces/${workspaceId}/runs/${submitted.runId}/snapshot`, archive);
    if (!isJson) console.error(`Uploaded code snapshot: ${files} files, ${(bytes / 1024).toFixed(1)} KiB`);
  }
  const studioUrl = `${api.url}/w/${workspaceId}/runs/${submitted.runId}`;
  if (isJson) console.log(JSON.stringify({ ...submitted, studioUrl }));
  else {
    console.log(`Run ${submitted.runId} (${submitted.displayName}) queued`);
    console.log(`Studio: ${studioUrl}`);
  }
  if (!isStreaming) return 0;
  const status = await followLogs(api, submitted.runId, printLine);
  console.error(`Run ${status}`);
  return status === TERMINAL_OK ? 0 : 1;
}

function printLine(line: TLogLine): void {
  (line.stream === "stderr" ? process.stderr : process.stdout).write(`${line.text}\n`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(error.message);
    else if (error instanceof ApiError) console.error(`Error (${error.code}): ${error.message}`);
    else console.error(`Error: ${(error as Error).message}`);
    process.exit(2);
  },
);
