import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { UsageError } from "./config";

const ZSettings = z
  .object({
    mini_batch_size: z.number().int().optional(),
    max_concurrency_per_instance: z.number().int().optional(),
    retry_settings: z
      .object({ max_retries: z.number().int().optional(), timeout: z.number().int().optional() })
      .strict()
      .optional(),
    error_threshold: z.number().int().optional(),
    output_action: z.enum(["append_row", "summary_only"]).optional(),
    output_file_name: z.string().optional(),
    logging_level: z.string().optional(),
    environment_variables: z.record(z.string(), z.string()).optional(),
  })
  .strict();

// Azure ML CLI v2's batch deployment YAML (reference-yaml-deployment-batch): settings at the top
// level as the older schema has them, or under `settings:` as the newer one does.
const ZDeploymentFile = ZSettings.extend({
  $schema: z.string().optional(),
  type: z.literal("model").optional(),
  name: z.string(),
  endpoint_name: z.string(),
  description: z.string().optional(),
  model: z.string(),
  code_configuration: z.object({ code: z.string(), scoring_script: z.string() }).strict(),
  environment: z.string().optional(),
  compute: z.string(),
  resources: z.object({ instance_count: z.number().int().optional() }).strict().optional(),
  settings: ZSettings.optional(),
  tags: z.record(z.string(), z.unknown()).optional(),
}).strict();
export type TDeploymentFile = z.infer<typeof ZDeploymentFile>;

/** The deployment file, checked; errors name the field as the YAML spells it. */
export function readBatchDeploymentFile(file: string): TDeploymentFile {
  const parsed = ZDeploymentFile.safeParse(parseYaml(readFileSync(file, "utf8")));
  if (!parsed.success)
    throw new UsageError(
      `${file}:\n${parsed.error.issues
        .map(
          (i) =>
            `  ${i.path.join(".") || "(top)"}: ${i.code === "unrecognized_keys" ? `unknown field ${i.keys.join(", ")}` : i.message}`,
        )
        .join("\n")}`,
    );
  return parsed.data;
}

/** The file's fields as the batch endpoints API names them; the code folder is packed by the caller. */
export function deploymentRequest(spec: TDeploymentFile) {
  const settings = { ...spec, ...spec.settings };
  if (settings.environment_variables && Object.keys(settings.environment_variables).length > 0)
    throw new UsageError(
      "environment_variables are not supported for batch deployments yet; set them in the environment",
    );
  return {
    endpointName: spec.endpoint_name,
    name: spec.name,
    description: spec.description,
    model: spec.model,
    environment: spec.environment,
    compute: spec.compute.replace(/^azureml:/, ""),
    scoringScript: spec.code_configuration.scoring_script,
    instanceCount: spec.resources?.instance_count,
    miniBatchSize: settings.mini_batch_size,
    maxConcurrencyPerInstance: settings.max_concurrency_per_instance,
    maxRetries: settings.retry_settings?.max_retries,
    timeoutS: settings.retry_settings?.timeout,
    errorThreshold: settings.error_threshold,
    outputAction: settings.output_action,
    outputFileName: settings.output_file_name,
  };
}
