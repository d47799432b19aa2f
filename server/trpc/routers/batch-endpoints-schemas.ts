import { z } from "zod";
import { ZBatchDeploymentName, ZBatchEndpointName } from "../../services/batch-endpoints/batch-deployment-settings";

export const ZEndpointAddress = z.object({ name: ZBatchEndpointName });
export const ZDeploymentAddress = z.object({ endpointName: ZBatchEndpointName, name: ZBatchDeploymentName });

export const ZBatchDeploymentView = z.object({
  name: z.string(),
  description: z.string(),
  model: z.string(),
  modelRef: z.string(),
  environment: z.string(),
  environmentRef: z.string(),
  compute: z.string(),
  scoringScript: z.string(),
  codeFileCount: z.number(),
  codeBytes: z.number(),
  miniBatchSize: z.number(),
  instanceCount: z.number(),
  maxConcurrencyPerInstance: z.number(),
  retrySettings: z.object({ maxRetries: z.number(), timeoutS: z.number() }),
  errorThreshold: z.number(),
  outputAction: z.enum(["append_row", "summary_only"]),
  outputFileName: z.string(),
  isDefault: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const ZBatchEndpointView = z.object({
  name: z.string(),
  description: z.string(),
  defaultDeployment: z.string().nullable(),
  createdAt: z.date(),
  deployments: z.array(ZBatchDeploymentView),
});

export const ZInvokeInput = z.object({
  endpointName: ZBatchEndpointName,
  /** A data asset version: crucible:NAME:VERSION, NAME:VERSION or NAME@latest. */
  input: z.string().trim().min(1).max(400),
  deploymentName: ZBatchDeploymentName.optional(),
  outputName: z.string().trim().min(1).max(255).optional(),
});

export const ZInvokeResult = z.object({
  runId: z.string(),
  displayName: z.string(),
  deployment: z.string(),
  model: z.string(),
  status: z.string(),
});

export const ZBatchJob = z.object({
  runId: z.string(),
  displayName: z.string(),
  deployment: z.string(),
  input: z.string(),
  status: z.string(),
  failureReason: z.string().nullable(),
  progress: z.object({ total: z.number().nullable(), done: z.number().nullable(), failed: z.number().nullable() }),
  output: z.string().nullable(),
  createdAt: z.date(),
  endedAt: z.date().nullable(),
});
