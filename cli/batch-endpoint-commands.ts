import path from "node:path";
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import type { ApiClient } from "./api-client";
import { deploymentRequest, readBatchDeploymentFile } from "./batch-deployment-file";
import { UsageError } from "./config";
import { packCodeFolder } from "./snapshot";
import { table } from "./table";

export type TBatchOptions = {
  file?: string;
  name?: string;
  description?: string;
  input?: string;
  "deployment-name"?: string;
  "endpoint-name"?: string;
  "output-name"?: string;
  "set-default"?: boolean;
};

type TDeployment = {
  name: string;
  model: string;
  modelRef: string;
  environment: string;
  compute: string;
  scoringScript: string;
  miniBatchSize: number;
  maxConcurrencyPerInstance: number;
  retrySettings: { maxRetries: number; timeoutS: number };
  errorThreshold: number;
  outputAction: string;
  isDefault: boolean;
};
type TEndpoint = { name: string; description: string; defaultDeployment: string | null; deployments: TDeployment[] };
type TJob = {
  runId: string;
  deployment: string;
  input: string;
  status: string;
  progress: { total: number | null; done: number | null; failed: number | null };
  output: string | null;
  createdAt: string;
};

type TPrint = (value: unknown, text: () => string) => void;

const describeDeployment = (d: TDeployment) =>
  `  ${d.name}${d.isDefault ? " (default)" : ""}: model ${d.model} (${d.modelRef}), ${d.environment} on ${d.compute}, ` +
  `${d.scoringScript}, mini_batch_size ${d.miniBatchSize}, max_retries ${d.retrySettings.maxRetries}, ` +
  `timeout ${d.retrySettings.timeoutS} s, error_threshold ${d.errorThreshold}, ${d.outputAction}`;

/** `crucible batch-endpoint …`, as `az ml batch-endpoint`. */
export async function batchEndpointCommand(
  api: ApiClient,
  verb: string,
  args: string[],
  options: TBatchOptions,
  workspaceId: () => Promise<string>,
  print: TPrint,
): Promise<number> {
  const ws = await workspaceId();
  const base = `/workspaces/${ws}/batch-endpoints`;
  const nameOf = () => {
    const name = options.name ?? args[0];
    if (!name) throw new UsageError(`batch-endpoint ${verb} --name NAME`);
    return encodeURIComponent(name);
  };
  switch (verb) {
    case "create": {
      const spec = options.file
        ? (parseYaml(readFileSync(options.file, "utf8")) as { name?: string; description?: string })
        : {};
      const name = options.name ?? spec.name;
      if (!name) throw new UsageError("batch-endpoint create --name NAME | -f endpoint.yml");
      const created = await api.request<TEndpoint>("POST", base, {
        name,
        description: options.description ?? spec.description,
      });
      print(created, () => `Created batch endpoint ${created.name}`);
      return 0;
    }
    case "show": {
      const endpoint = await api.request<TEndpoint>("GET", `${base}/${nameOf()}`);
      print(endpoint, () =>
        [
          `${endpoint.name}${endpoint.description ? `: ${endpoint.description}` : ""}`,
          ...(endpoint.deployments.length ? endpoint.deployments.map(describeDeployment) : ["  (no deployments)"]),
        ].join("\n"),
      );
      return 0;
    }
    case "list": {
      const list = await api.request<TEndpoint[]>("GET", base);
      print(list, () =>
        table(
          ["NAME", "DEFAULT", "DEPLOYMENTS"],
          list.map((e) => [e.name, e.defaultDeployment ?? "-", e.deployments.map((d) => d.name).join(", ")]),
        ),
      );
      return 0;
    }
    case "delete": {
      const name = nameOf();
      await api.request("DELETE", `${base}/${name}`);
      print({ ok: true }, () => `Deleted batch endpoint ${decodeURIComponent(name)}`);
      return 0;
    }
    case "invoke": {
      const name = nameOf();
      if (!options.input) throw new UsageError("batch-endpoint invoke --name NAME --input crucible:DATA:VERSION");
      const job = await api.request<{ runId: string; displayName: string; deployment: string; model: string }>(
        "POST",
        `${base}/${name}/invoke`,
        { input: options.input, deploymentName: options["deployment-name"], outputName: options["output-name"] },
      );
      print(job, () =>
        [
          `Run ${job.runId} (${job.displayName}) queued: ${options.input} scored by ${job.deployment}, model ${job.model}`,
          `Studio: ${api.url}/w/${ws}/runs/${job.runId}`,
        ].join("\n"),
      );
      return 0;
    }
    case "list-jobs": {
      const jobs = await api.request<TJob[]>("GET", `${base}/${nameOf()}/jobs`);
      const progress = (j: TJob) =>
        j.progress.total === null
          ? "-"
          : `${j.progress.done ?? 0}/${j.progress.total}, ${j.progress.failed ?? 0} failed`;
      print(jobs, () =>
        table(
          ["RUN", "DEPLOYMENT", "INPUT", "STATUS", "MINI-BATCHES", "OUTPUT"],
          jobs.map((j) => [j.runId, j.deployment, j.input, j.status, progress(j), j.output ?? "-"]),
        ),
      );
      return 0;
    }
    default:
      throw new UsageError("batch-endpoint create|show|list|delete|invoke|list-jobs");
  }
}

/** `crucible batch-deployment create|update|delete`, as `az ml batch-deployment`, from the same YAML. */
export async function batchDeploymentCommand(
  api: ApiClient,
  verb: string,
  options: TBatchOptions,
  workspaceId: () => Promise<string>,
  print: TPrint,
): Promise<number> {
  const base = `/workspaces/${await workspaceId()}/batch-endpoints`;
  if (verb === "delete") {
    const endpoint = options["endpoint-name"];
    if (!endpoint || !options.name)
      throw new UsageError("batch-deployment delete --name NAME --endpoint-name ENDPOINT");
    await api.request(
      "DELETE",
      `${base}/${encodeURIComponent(endpoint)}/deployments/${encodeURIComponent(options.name)}`,
    );
    print({ ok: true }, () => `Deleted deployment ${options.name} of ${endpoint}`);
    return 0;
  }
  if (verb !== "create" && verb !== "update") throw new UsageError("batch-deployment create|update|delete");
  if (!options.file) throw new UsageError(`batch-deployment ${verb} -f deployment.yml [--set-default]`);
  const spec = readBatchDeploymentFile(options.file);
  const request = deploymentRequest(spec);
  const { archive } = packCodeFolder(path.resolve(path.dirname(options.file), spec.code_configuration.code));
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  const body = { ...request, codeArchive: Buffer.concat(chunks).toString("base64") };
  const endpointPath = `${base}/${encodeURIComponent(request.endpointName)}`;
  const deployment =
    verb === "create"
      ? await api.request<TDeployment>("POST", `${endpointPath}/deployments`, {
          ...body,
          isDefault: options["set-default"] || undefined,
        })
      : await api.request<TDeployment>(
          "PATCH",
          `${endpointPath}/deployments/${encodeURIComponent(request.name)}`,
          body,
        );
  if (verb === "update" && options["set-default"])
    await api.request("PUT", `${endpointPath}/deployments/${encodeURIComponent(request.name)}/default`, {});
  print(
    deployment,
    () =>
      `${verb === "create" ? "Created" : "Updated"} deployment of ${request.endpointName}:\n${describeDeployment(deployment)}`,
  );
  return 0;
}
