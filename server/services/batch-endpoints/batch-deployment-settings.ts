import { z } from "zod";
import { ZResourceName } from "../resource-name";

export const ZBatchEndpointName = z
  .string()
  .trim()
  .min(3, "Use 3 to 32 characters")
  .max(32, "Use 3 to 32 characters")
  .regex(/^[A-Za-z][A-Za-z0-9-]*$/, "Start with a letter; use letters, digits and '-'");

export const ZBatchDeploymentName = ZBatchEndpointName;

/** The code folder as a base64 .tar.gz; a scoring folder is a few scripts, so a few MiB is plenty. */
export const MAX_CODE_ARCHIVE_BYTES = 5 * 1024 * 1024;
const ZCodeArchive = z
  .string()
  .max(
    Math.ceil((MAX_CODE_ARCHIVE_BYTES * 4) / 3) + 4,
    "The code folder is over 5 MiB packed; keep data and models out of it",
  )
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, "Give the code folder as a base64 .tar.gz");

const ZScoringScript = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_./-]*\.py$/, "A .py file in the code folder: letters, digits, '_', '-', '.' and '/'")
  .refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), "A path inside the code folder");

// Each instance is a job with its own container; more than this would flood the queue.
const MAX_BATCH_INSTANCES = 32;

/** How files are split, retried and written: Azure ML's batch deployment settings and defaults. */
export const ZBatchSettings = z.object({
  description: z.string().max(5000).optional(),
  compute: ZResourceName(100).optional(),
  environment: z.string().trim().min(1).max(200).optional(),
  miniBatchSize: z.number().int().min(1, "mini_batch_size is at least 1").max(100_000).optional(),
  instanceCount: z
    .number()
    .int()
    .min(1)
    .max(MAX_BATCH_INSTANCES, `instance_count is at most ${MAX_BATCH_INSTANCES}`)
    .optional(),
  maxConcurrencyPerInstance: z.number().int().min(1).max(64).optional(),
  maxRetries: z.number().int().min(0).max(20).optional(),
  timeoutS: z
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .optional(),
  errorThreshold: z.number().int().min(-1).max(1_000_000).optional(),
  outputAction: z.enum(["append_row", "summary_only"]).optional(),
  outputFileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "A file name: letters, digits, '.', '_' and '-'")
    .refine((n) => n !== "batch-summary.json", "batch-summary.json is the summary the job writes beside it")
    .optional(),
});

export const ZCreateBatchDeploymentInput = ZBatchSettings.extend({
  endpointName: ZBatchEndpointName,
  name: ZBatchDeploymentName,
  compute: ZResourceName(100),
  /** `iris:2`, `iris@champion`, `iris@latest`, with or without `crucible:models/` or `azureml:`. */
  model: z.string().trim().min(1).max(600),
  codeArchive: ZCodeArchive,
  scoringScript: ZScoringScript,
  isDefault: z.boolean().optional(),
});
export type TCreateBatchDeploymentInput = z.infer<typeof ZCreateBatchDeploymentInput>;

/** What an update may change; the code comes with its scoring script, or the script alone names a file of the stored code. */
export const ZUpdateBatchDeploymentInput = ZBatchSettings.extend({
  endpointName: ZBatchEndpointName,
  name: ZBatchDeploymentName,
  model: z.string().trim().min(1).max(600).optional(),
  codeArchive: ZCodeArchive.optional(),
  scoringScript: ZScoringScript.optional(),
});
export type TUpdateBatchDeploymentInput = z.infer<typeof ZUpdateBatchDeploymentInput>;

/** The environment a deployment naming none runs in: the curated one jobs use. */
export const DEFAULT_BATCH_ENVIRONMENT = "crucible-sklearn";
