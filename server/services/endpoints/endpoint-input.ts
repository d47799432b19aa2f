import { z } from "zod";
import { ZResourceName } from "../resource-name";

export const ZEndpointName = ZResourceName(32);
export const ZDeploymentName = ZResourceName(32);
export const ZEndpointDescription = z.string().max(2000);
export const ZAuthMode = z.enum(["key", "token"]);

/** `{ deployment: percent }`: whole percents, as Azure ML takes them. */
export const ZTrafficMap = z.record(ZDeploymentName, z.number().int().min(0).max(100));
export type TTrafficMap = z.infer<typeof ZTrafficMap>;

/** Azure ML's probe settings, in seconds; its defaults. */
export const ZProbeSpec = z
  .object({
    period: z.number().min(0.1).max(300).default(10),
    initial_delay: z.number().min(0).max(3600).default(10),
    timeout: z.number().min(0.1).max(60).default(2),
    failure_threshold: z.number().int().min(1).max(1000).default(30),
  })
  .strict();
export type TProbeSpec = z.infer<typeof ZProbeSpec>;
export type TProbes = { liveness: TProbeSpec; readiness: TProbeSpec };

// Scoring code travels as text files: a scoring folder is a few small Python files.
const MAX_CODE_BYTES = 1024 * 1024;
const ZCodePath = z
  .string()
  .min(1)
  .max(255)
  .refine((p) => !p.startsWith("/") && !p.split("/").some((part) => part === ".." || part === "." || part === ""), {
    message: "Use a relative path without '.' or '..' parts",
  });

export const ZCodeConfiguration = z
  .object({
    /** The code folder's files by relative path. */
    code: z.record(ZCodePath, z.string()).refine((files) => Object.keys(files).length > 0, "The code folder is empty"),
    scoring_script: ZCodePath.refine((p) => p.endsWith(".py"), "The scoring script must be a .py file"),
  })
  .strict()
  .superRefine((value, ctx) => {
    const bytes = Object.values(value.code).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    if (bytes > MAX_CODE_BYTES)
      ctx.addIssue({ code: "custom", path: ["code"], message: `The code folder is over ${MAX_CODE_BYTES} bytes` });
    if (!Object.hasOwn(value.code, value.scoring_script))
      ctx.addIssue({
        code: "custom",
        path: ["scoring_script"],
        message: `'${value.scoring_script}' is not a file of the code folder`,
      });
  });
export type TCodeConfiguration = z.infer<typeof ZCodeConfiguration>;

export const ZRequestSettings = z
  .object({
    request_timeout_ms: z.number().int().min(100).max(180_000).default(5000),
    max_concurrent_requests_per_instance: z.number().int().min(1).max(1000).default(1),
  })
  .strict();

/** A deployment as Azure ML CLI v2's deployment YAML writes it (`endpoint_name` comes from the path). */
export const ZDeploymentSpec = z.object({
  name: ZDeploymentName,
  endpoint_name: ZEndpointName.optional(),
  /** `name@alias`, `name:version` or `name` (latest), with `azureml:` accepted. */
  model: z.string().trim().min(1).max(300),
  code_configuration: ZCodeConfiguration.optional(),
  environment: z.string().trim().min(1).max(300).optional(),
  instance_count: z.number().int().min(1).max(20).default(1),
  resources: z
    .object({
      cpu: z.number().min(0.1).max(64).optional(),
      memory_mb: z
        .number()
        .int()
        .min(64)
        .max(1 << 20)
        .optional(),
    })
    .strict()
    .optional(),
  request_settings: ZRequestSettings.default({ request_timeout_ms: 5000, max_concurrent_requests_per_instance: 1 }),
  liveness_probe: ZProbeSpec.default(ZProbeSpec.parse({})),
  readiness_probe: ZProbeSpec.default(ZProbeSpec.parse({})),
});
export type TDeploymentSpec = z.infer<typeof ZDeploymentSpec>;

/** What `online-deployment update` may change: everything but the name. */
export const ZDeploymentUpdate = ZDeploymentSpec.omit({ name: true, endpoint_name: true })
  .partial()
  .extend({ code_configuration: ZCodeConfiguration.nullable().optional() });
export type TDeploymentUpdate = z.infer<typeof ZDeploymentUpdate>;
